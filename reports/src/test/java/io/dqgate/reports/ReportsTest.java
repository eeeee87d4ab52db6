package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.GateRun;
import io.dqgate.reports.testing.ChurnRunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

  @Test
  void writeAllWritesTheThreeFilesAndNothingElse(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("out/dqgate-report");
    GateRun run = ChurnRunFixture.failingRun();
    List<Path> written = Reports.writeAll(run, dir);
    assertEquals(
        List.of(dir.resolve("report.json"), dir.resolve("report.html"), dir.resolve("junit.xml")),
        written);
    assertEquals(
        List.of("junit.xml", "report.html", "report.json"), list(dir), "no temp file left behind");
    assertEquals(Reports.renderJson(run), Files.readString(dir.resolve("report.json")));
    assertEquals(Reports.renderHtml(run), Files.readString(dir.resolve("report.html")));
    assertEquals(Reports.renderJunitXml(run), Files.readString(dir.resolve("junit.xml")));
    // Re-rendering from report.json gives the same page.
    assertEquals(
        Reports.renderHtml(run), Reports.renderHtml(Reports.readJson(dir.resolve("report.json"))));
  }

  @Test
  void writeAllReplacesEarlierReports(@TempDir Path dir) throws Exception {
    Reports.writeAll(ChurnRunFixture.failingRun(), dir);
    Reports.writeAll(ChurnRunFixture.passingRun(), dir);
    assertEquals(ChurnRunFixture.passingRun(), Reports.readJson(dir.resolve(Reports.JSON_FILE)));
    assertEquals(List.of("junit.xml", "report.html", "report.json"), list(dir));
  }

  @Test
  void atomicWriteNeverExposesAPartialFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("report.json");
    byte[] small = "{\"old\": true}\n".getBytes();
    byte[] big = ("{\"new\": \"" + "x".repeat(8 << 20) + "\"}\n").getBytes();
    AtomicFiles.write(target, small);
    AtomicBoolean done = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 5; i++) {
                  AtomicFiles.write(target, i % 2 == 0 ? big : small);
                }
              } catch (IOException e) {
                throw new RuntimeException(e);
              } finally {
                done.set(true);
              }
            });
    writer.start();
    int reads = 0;
    while (!done.get() || reads == 0) {
      long size = Files.readAllBytes(target).length;
      assertTrue(
          size == small.length || size == big.length,
          "a reader saw a partial file of " + size + " bytes");
      reads++;
    }
    writer.join();
    assertEquals(List.of("report.json"), list(dir));
  }

  @Test
  void atomicWriteLeavesNoTempFileWhenItFails(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("report.html");
    Files.createDirectories(
        target.resolve("occupied")); // a non-empty directory cannot be replaced by a file
    assertThrows(IOException.class, () -> AtomicFiles.write(target, "x".getBytes()));
    assertEquals(List.of("report.html"), list(dir));
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
