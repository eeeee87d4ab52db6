package io.dqgate.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dqgate lint} through the CLI class, in-process: the file of issue 14 (20000 nested "[")
 * ends with exit 2 and one FILE:LINE:COL line, not a StackOverflowError. The full bad-input corpus
 * is BadInputCorpusTest in the rules module (the same Lint.run this command calls).
 */
class LintBadInputTest {

  private static String[] lint(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> DqGateCli.commandLine().execute(args));
      return new String[] {
        "" + code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void deeplyNestedFlowSequences(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deep.yaml");
    Files.writeString(file, "datasets: " + "[".repeat(20000) + "]".repeat(20000) + "\n");
    String[] r = lint("lint", file.toString());
    assertEquals("2", r[0]);
    assertEquals(
        file
            + ":1:75: the file nests lists and mappings more than 64 levels deep here (a rule file"
            + " needs about 8): remove the extra brackets or indentation\n"
            + "1 file checked, 1 problem\n",
        r[2]);
    assertFalse(r[2].contains("\tat "));
  }

  @Test
  void aDirectoryAndAMissingFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    String[] r = lint("lint", dir.toString(), missing.toString());
    assertEquals("2", r[0]);
    assertEquals(
        dir
            + ": cannot read the rule file because it is a directory: check the path given to"
            + " spark.dqgate.rules or ./dqgate lint\n"
            + missing
            + ": cannot read the rule file because it does not exist: check the path given to"
            + " spark.dqgate.rules or ./dqgate lint\n"
            + "2 files checked, 2 problems\n",
        r[2]);
  }
}
