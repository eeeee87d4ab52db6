package io.dqgate.reports;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml in the Ant/Surefire dialect that Jenkins, GitLab and GitHub Actions read: one {@code
 * <testsuite>} per gated dataset plus {@code spark-stages}, one {@code <testcase>} per rule.
 *
 * <p>FAIL is a {@code <failure>}, ERROR an {@code <error>}; WARN passes with the explanation in
 * {@code <system-out>}; PASS and INFO pass. The model records no per-rule timing, so testcase times
 * are 0 and the testsuites time is the run's duration.
 */
final class JunitReport {
  static final String STAGE_SUITE = "spark-stages";

  private JunitReport() {}

  static String render(GateRun run) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      newline(x, 0);
      x.writeStartElement("testsuites");
      attr(x, "name", "dqgate " + nz(run.appName()));
      attr(x, "tests", count(run, null));
      attr(x, "failures", count(run, Status.FAIL));
      attr(x, "errors", count(run, Status.ERROR));
      attr(x, "skipped", "0");
      attr(
          x,
          "time",
          seconds(
              run.startedAt() == null || run.endedAt() == null
                  ? 0
                  : Math.max(0, Duration.between(run.startedAt(), run.endedAt()).toMillis())));
      if (run.startedAt() != null) {
        attr(x, "timestamp", timestamp(run.startedAt()));
      }
      for (DatasetResult d : run.datasets()) {
        String ref = d.id() == null ? "" : d.id().names();
        String name = d.name() == null ? ref : d.name();
        String suite = ref.isEmpty() || ref.equals(name) ? name : name + " (" + ref + ")";
        suite(
            x,
            suite,
            name,
            d.checkedAt() != null ? d.checkedAt() : run.startedAt(),
            d.outcomes(),
            d);
      }
      if (!run.stageOutcomes().isEmpty()) {
        suite(
            x,
            STAGE_SUITE,
            STAGE_SUITE,
            run.endedAt() != null ? run.endedAt() : run.startedAt(),
            run.stageOutcomes(),
            null);
      }
      newline(x, 0);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(
          "Cannot render junit.xml because the XML writer failed: " + e.getMessage(), e);
    }
    return out + "\n";
  }

  private static void suite(
      XMLStreamWriter x,
      String suite,
      String classname,
      Instant at,
      List<Outcome> outcomes,
      DatasetResult d)
      throws XMLStreamException {
    newline(x, 1);
    x.writeStartElement("testsuite");
    attr(x, "name", suite);
    attr(x, "tests", Integer.toString(outcomes.size()));
    attr(
        x,
        "failures",
        Long.toString(outcomes.stream().filter(o -> o.status() == Status.FAIL).count()));
    attr(
        x,
        "errors",
        Long.toString(outcomes.stream().filter(o -> o.status() == Status.ERROR).count()));
    attr(x, "skipped", "0");
    attr(x, "time", seconds(0));
    if (at != null) {
      attr(x, "timestamp", timestamp(at));
    }
    if (d != null) {
      newline(x, 2);
      x.writeStartElement("properties");
      property(x, "dataset", d.id() == null ? null : d.id().names());
      property(x, "action", d.action());
      property(x, "rowCount", d.rowCount() == null ? null : d.rowCount().toString());
      property(x, "published", Boolean.toString(d.published()));
      property(x, "sparkJobs", Integer.toString(d.sparkJobs()));
      newline(x, 2);
      x.writeEndElement();
    }
    for (Outcome o : outcomes) {
      testcase(x, classname, o);
    }
    newline(x, 1);
    x.writeEndElement();
  }

  private static void testcase(XMLStreamWriter x, String classname, Outcome o)
      throws XMLStreamException {
    newline(x, 2);
    Status status = o.status() == null ? Status.ERROR : o.status();
    boolean passed = status == Status.PASS || status == Status.INFO;
    if (passed) {
      x.writeEmptyElement("testcase");
    } else {
      x.writeStartElement("testcase");
    }
    attr(x, "classname", classname);
    attr(x, "name", o.ruleId() != null ? o.ruleId() : nz(o.check()));
    attr(x, "time", seconds(0));
    if (o.source() != null && o.source().line() > 0) {
      attr(x, "file", o.source().file());
    }
    if (passed) {
      return;
    }
    switch (status) {
      case FAIL -> detail(x, "failure", o);
      case ERROR -> detail(x, "error", o);
      case WARN -> {
        newline(x, 3);
        x.writeStartElement("system-out");
        x.writeCharacters(clean("WARN: " + nz(o.explanation()) + "\n" + details(o)));
        x.writeEndElement();
        newline(x, 2);
      }
      default -> {}
    }
    x.writeEndElement();
  }

  private static void detail(XMLStreamWriter x, String element, Outcome o)
      throws XMLStreamException {
    newline(x, 3);
    x.writeStartElement(element);
    attr(x, "message", nz(o.explanation()));
    attr(x, "type", nz(o.check()));
    x.writeCharacters(clean(details(o)));
    x.writeEndElement();
    newline(x, 2);
  }

  /** The lines a CI log shows under the message. */
  private static String details(Outcome o) {
    StringBuilder b = new StringBuilder();
    line(b, "rule", o.rule());
    line(b, "column", o.column());
    if (o.observed() != null) {
      line(
          b,
          "observed",
          Fmt.number(o.observed()) + (o.total() == null ? "" : " of " + Fmt.count(o.total())));
    }
    line(b, "threshold", o.threshold());
    line(b, "severity", o.severity() == null ? null : o.severity().keyword());
    line(b, "source", o.source() == null ? null : o.source().fileAndLine());
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(key).append(": ").append(value).append('\n');
    }
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    if (value == null) {
      return;
    }
    newline(x, 3);
    x.writeEmptyElement("property");
    attr(x, "name", name);
    attr(x, "value", value);
  }

  private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, clean(value));
  }

  private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
    x.writeCharacters("\n" + "  ".repeat(depth));
  }

  private static String count(GateRun run, Status status) {
    if (status == null) {
      long all = run.stageOutcomes().size();
      for (DatasetResult d : run.datasets()) {
        all += d.outcomes().size();
      }
      return Long.toString(all);
    }
    return Long.toString(run.count(status));
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Ant's format: local date-time without zone; dqgate writes UTC. */
  private static String timestamp(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /**
   * Replaces what XML 1.0 cannot carry at all (control characters other than tab/newline/return,
   * unpaired surrogates, U+FFFE/U+FFFF) with U+FFFD; the writer escapes the rest.
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        ok = false;
      } else {
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
      }
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(ok ? c : '\uFFFD');
      }
    }
    return b == null ? s : b.toString();
  }
}
