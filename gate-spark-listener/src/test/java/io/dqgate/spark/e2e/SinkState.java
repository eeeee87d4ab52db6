package io.dqgate.spark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a destination looks like on disk, read without Spark: every file (relative path and size),
 * the Delta log's latest version, and what the sink applications printed ({@code STATE}, {@code
 * JOBS} lines).
 */
final class SinkState {
  private SinkState() {}

  /** Relative path → size of every file under {@code dir} (empty when it does not exist). */
  static Map<String, Long> files(Path dir) {
    Map<String, Long> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(file).toString(), Files.size(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The latest version in {@code table}'s {@code _delta_log}, or -1 when there is none. */
  static long deltaVersion(Path table) {
    long version = -1;
    for (String name : files(table.resolve("_delta_log")).keySet()) {
      if (name.matches("\\d{20}\\.json")) {
        version = Math.max(version, Long.parseLong(name.substring(0, 20)));
      }
    }
    return version;
  }

  /** The {@code STATE name …} line the application printed for {@code name}. */
  static String state(String output, String name) {
    Matcher m = Pattern.compile("(?m)^STATE " + Pattern.quote(name) + " (.*)$").matcher(output);
    if (!m.find()) {
      throw new AssertionError("no STATE line for " + name + " in\n" + output);
    }
    return m.group(1);
  }

  /**
   * The gate's jobs the application counted for write {@code kind} ({@code JOBS kind … gate=N}).
   */
  static int gateJobs(String output, String kind) {
    Matcher m =
        Pattern.compile("(?m)^JOBS " + Pattern.quote(kind) + " all=\\d+ gate=(\\d+)$")
            .matcher(output);
    if (!m.find()) {
      throw new AssertionError("no JOBS line for " + kind + " in\n" + output);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The jar on this JVM's classpath whose file name starts with {@code prefix}. */
  static Path testJar(String prefix) {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      if (path.getFileName().toString().startsWith(prefix) && entry.endsWith(".jar")) {
        return path;
      }
    }
    throw new IllegalStateException("Cannot find " + prefix + "*.jar on the test classpath");
  }
}
