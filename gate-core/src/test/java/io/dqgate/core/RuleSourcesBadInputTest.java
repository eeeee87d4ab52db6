package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dqgate.rules.RuleFileException;
import io.dqgate.rules.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's way in (spark.dqgate.rules through a Hadoop file system) refuses hostile files with
 * the same messages as ./dqgate lint, within a bounded time, instead of dying.
 */
class RuleSourcesBadInputTest {

  private static List<String> problems(Path file) {
    RuleFileException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    RuleFileException.class,
                    () -> RuleSources.load(file.toString(), new Configuration())));
    return e.problems().stream().map(RuleProblem::toString).toList();
  }

  @Test
  void deeplyNestedFlowSequencesDoNotTakeTheDriverDown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deep.yaml");
    Files.writeString(file, "datasets: " + "[".repeat(20000) + "]".repeat(20000) + "\n");
    assertEquals(
        List.of(
            file
                + ":1:75: the file nests lists and mappings more than 64 levels deep here (a rule"
                + " file needs about 8): remove the extra brackets or indentation"),
        problems(file));
  }

  @Test
  void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[3 << 20]);
    assertEquals(
        List.of(
            file
                + ": the file is 3.0 MiB, more than the 1 MiB a rule file may be: split it into"
                + " several files (spark.dqgate.rules takes a list)"),
        problems(file));
  }

  @Test
  void aFileThatIsNotUtf8IsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "datasets: [caf\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        List.of(
            file + ": cannot read the rule file because it is not UTF-8 text: save it as UTF-8"),
        problems(file));
  }
}
