package io.dqgate.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.dqgate.core.result.GateRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external URL) rendered
 * with mustache.java from {@code report.html.mustache}. Every value goes through mustache's HTML
 * escaping ({@code {{x}}}); the template never uses unescaped tags. What the page shows is decided
 * by the view model ({@link HtmlView}, built by {@link HtmlPage}); this class only renders it.
 */
final class HtmlReport {
  static final String TEMPLATE = "report.html.mustache";

  private static final Mustache MUSTACHE = compile();

  private HtmlReport() {}

  /**
   * Reads the template through this class's own loader: under Spark the thread context class loader
   * of a listener thread need not see the gate jar, and mustache's default resolver may consult it.
   */
  private static Mustache compile() {
    InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE);
    if (in == null) {
      throw new IllegalStateException(
          "Cannot render report.html because the template io/dqgate/reports/"
              + TEMPLATE
              + " is not in the jar");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new DefaultMustacheFactory().compile(reader, TEMPLATE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the report.html template " + TEMPLATE, e);
    }
  }

  static String render(GateRun run) {
    StringWriter out = new StringWriter();
    MUSTACHE.execute(out, HtmlPage.of(run));
    return out.toString();
  }
}
