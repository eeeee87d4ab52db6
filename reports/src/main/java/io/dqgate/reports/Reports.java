package io.dqgate.reports;

import io.dqgate.core.result.GateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reports of a gate run: {@code report.json} (versioned by {@link GateRun#SCHEMA_VERSION}, JSON
 * Schema in {@link #SCHEMA_RESOURCE}), {@code report.html} (one self-contained page for people) and
 * {@code junit.xml} (for CI test tabs).
 *
 * <p>Every file is written atomically: readers see the previous file or the new one, never a
 * partial one. Rendering is pure: it reads the run and nothing else (no clock, no network, no
 * environment).
 */
public final class Reports {
  /** File name of the machine-readable report. */
  public static final String JSON_FILE = "report.json";

  /** File name of the human-readable report. */
  public static final String HTML_FILE = "report.html";

  /** File name of the JUnit XML report. */
  public static final String JUNIT_FILE = "junit.xml";

  /** File name of the JSON Schema that report.json's {@code "$schema"} names. */
  public static final String SCHEMA_FILE = JsonFields.SCHEMA_FILE;

  /** Classpath resource of that schema (draft 2020-12). */
  public static final String SCHEMA_RESOURCE = "io/dqgate/reports/" + SCHEMA_FILE;

  private Reports() {}

  /**
   * Writes report.json, report.html and junit.xml into {@code dir} (created if missing), each
   * atomically. All three are attempted even if one fails; the first failure is thrown with the
   * others suppressed.
   *
   * @return the paths written, in the order json, html, junit
   */
  public static List<Path> writeAll(GateRun run, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve(JSON_FILE);
    Path html = dir.resolve(HTML_FILE);
    Path junit = dir.resolve(JUNIT_FILE);
    IOException failure = null;
    failure = write(json, () -> renderJson(run), failure);
    failure = write(html, () -> renderHtml(run), failure);
    failure = write(junit, () -> renderJunitXml(run), failure);
    if (failure != null) {
      throw failure;
    }
    return List.of(json, html, junit);
  }

  /** report.json's content. */
  public static String renderJson(GateRun run) {
    return JsonReportWriter.render(run);
  }

  /** report.html's content: self-contained, every value HTML-escaped. */
  public static String renderHtml(GateRun run) {
    return HtmlReport.render(run);
  }

  /** junit.xml's content. */
  public static String renderJunitXml(GateRun run) {
    return JunitReport.render(run);
  }

  /**
   * Reads a report.json (schema 1.x) back into the run it was written from, for re-rendering.
   * Derived fields (verdict, counts, lineage) are recomputed, not read.
   *
   * @throws IllegalArgumentException when the file is not such a report, naming the offending field
   */
  public static GateRun readJson(Path file) throws IOException {
    return JsonReportReader.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  private interface Render {
    String get();
  }

  private static IOException write(Path target, Render render, IOException earlier) {
    try {
      AtomicFiles.write(target, render.get().getBytes(StandardCharsets.UTF_8));
      return earlier;
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a renderer's library missing from a badly shaded jar must not cost the other
      // files.
      IOException wrapped =
          e instanceof IOException io
              ? io
              : new IOException("Cannot write " + target + " because rendering failed: " + e, e);
      if (earlier == null) {
        return wrapped;
      }
      earlier.addSuppressed(wrapped);
      return earlier;
    }
  }
}
