package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Compares a rendering with a golden file under {@code src/test/resources/golden/}. With {@code
 * -Ddqgate.regenerateGolden=true} the golden file is rewritten instead (review the diff).
 */
final class GoldenFiles {
  static final String REGENERATE = "dqgate.regenerateGolden";

  private GoldenFiles() {}

  static void assertMatches(String name, String actual) throws IOException {
    if (Boolean.parseBoolean(System.getProperty(REGENERATE, "false"))) {
      Path file = moduleDir().resolve("src/test/resources/golden").resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "No golden file golden/" + name + ": run with -D" + REGENERATE + "=true once");
      }
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(
        expected,
        actual,
        "golden/"
            + name
            + " differs; if the change is intended, rerun with -D"
            + REGENERATE
            + "=true and review");
  }

  /** reports/, wherever Maven or an IDE runs the test from. */
  static Path moduleDir() {
    String dir = System.getProperty("dqgate.reports.basedir");
    if (dir != null) {
      return Paths.get(dir);
    }
    Path cwd = Paths.get("").toAbsolutePath();
    return Files.isDirectory(cwd.resolve("reports/src")) ? cwd.resolve("reports") : cwd;
  }

  /** report.json with ids, times and durations replaced by placeholders. */
  static String normaliseJson(String json) {
    return json.replaceAll("\"(runId|appId)\": \"[^\"]*\"", "\"$1\": \"<id>\"")
        .replaceAll("\"(startedAt|endedAt|checkedAt)\": \"[^\"]*\"", "\"$1\": \"<time>\"")
        .replaceAll("\"durationMillis\": \\d+", "\"durationMillis\": 0");
  }

  /** junit.xml with times and timestamps replaced by placeholders. */
  static String normaliseXml(String xml) {
    return xml.replaceAll(" time=\"[^\"]*\"", " time=\"<time>\"")
        .replaceAll(" timestamp=\"[^\"]*\"", " timestamp=\"<time>\"");
  }
}
