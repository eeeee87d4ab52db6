package io.dqgate.rules.check;

import io.dqgate.rules.CheckReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A metric a change rule follows across runs, built from the metrics the gate already computes:
 * {@code row_count}, and of a column {@code null_count}, {@code null_fraction}, {@code distinct}
 * (HyperLogLog estimate), {@code mean}, {@code min}, {@code max}, {@code median} (approximate).
 */
class TrackedMetric {
  static final List<String> NAMES =
      List.of(
          "row_count", "null_count", "null_fraction", "distinct", "mean", "min", "max", "median");

  private final String name;
  private final List<MetricKey> keys;
  private final Function<Function<MetricKey, Double>, Double> value;

  TrackedMetric(
      String name, List<MetricKey> keys, Function<Function<MetricKey, Double>, Double> value) {
    this.name = name;
    this.keys = keys;
    this.value = value;
  }

  /** The metric {@code name} of {@code column} (null for row_count), planned on {@code data}. */
  static TrackedMetric plan(String name, String column, PlanContext data) {
    MetricKey rows = new MetricKey.RowCount();
    if (name.equals("row_count")) {
      return done(data, name, List.of(rows), g -> g.apply(rows));
    }
    if (column == null) {
      throw new CannotPlan("metric " + name + " needs a column: add column: <name>");
    }
    ColumnInfo ref = data.column(column);
    String c = ref.name();
    String subject = name + " of " + c;
    MetricKey nulls = new MetricKey.NullCount(c);
    switch (name) {
      case "null_count":
        return done(data, subject, List.of(nulls), g -> g.apply(nulls));
      case "null_fraction":
        return done(data, subject, List.of(nulls, rows), g -> ratio(g.apply(nulls), g.apply(rows)));
      case "distinct":
        MetricKey d = new MetricKey.ApproxDistinct(c);
        return done(data, subject, List.of(d), g -> g.apply(d));
      default:
        break;
    }
    if (!ref.numeric()) {
      throw new CannotPlan(
          "column " + c + " is " + ref.type() + ", and " + name + " needs a numeric column");
    }
    switch (name) {
      case "mean":
        MetricKey sum = new MetricKey.Sum(c);
        return done(
            data,
            subject,
            List.of(sum, nulls, rows),
            g -> {
              Double r = g.apply(rows);
              Double n = g.apply(nulls);
              return r == null || n == null ? null : ratio(g.apply(sum), r - n);
            });
      case "min":
        MetricKey min = new MetricKey.Min(c);
        return done(data, subject, List.of(min), g -> g.apply(min));
      case "max":
        MetricKey max = new MetricKey.Max(c);
        return done(data, subject, List.of(max), g -> g.apply(max));
      case "median":
        MetricKey q = new MetricKey.Quartiles(c);
        String label = MetricKey.label(q) + "[1]";
        return new TrackedMetric(subject, List.of(q), g -> g.apply(q)) {
          @Override
          Double now(Observed m) {
            return m.value(q) instanceof double[] v ? v[1] : null;
          }

          @Override
          Double then(History.Run run) {
            return run.metrics().get(label);
          }
        }.need(data);
      default:
        throw new CannotPlan(
            "metric " + name + " is unknown: use one of " + String.join(", ", NAMES));
    }
  }

  /**
   * The metric {@code name} of {@code column} as another dataset recorded it: the same keys, built
   * from the column name as written (that dataset's schema is not at hand; its own plan checked
   * it).
   */
  static TrackedMetric recorded(String name, String column) {
    return plan(name, column, new PlanContext.Recording());
  }

  private static TrackedMetric done(
      PlanContext data,
      String name,
      List<MetricKey> keys,
      Function<Function<MetricKey, Double>, Double> value) {
    return new TrackedMetric(name, keys, value).need(data);
  }

  TrackedMetric need(PlanContext data) {
    keys.forEach(data::need);
    return this;
  }

  private static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  /** What messages call it: {@code row_count}, {@code null_fraction of email}. */
  String name() {
    return name;
  }

  /** Its value in this run, or null when absent. */
  Double now(Observed m) {
    return value.apply(k -> number(m.value(k)));
  }

  /** Its value in an earlier run, or null when that run did not record it. */
  Double then(History.Run run) {
    Map<String, Double> recorded = run.metrics();
    return value.apply(k -> recorded.get(MetricKey.label(k)));
  }

  static Double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * The printed keys every history rule starts with: {@code metric} and, if any, {@code column}.
   */
  static List<String> fields(String metric, String column) {
    List<String> f = new java.util.ArrayList<>();
    f.add("metric: " + metric);
    if (column != null) {
      f.add("column: " + Check.quote(column));
    }
    return f;
  }

  /**
   * Reads a rule's required {@code metric} key (one of {@link #NAMES}), reporting a missing or
   * unknown metric as a problem of the rule.
   */
  static String read(CheckReader in, String verb) {
    String metric = in.text("metric");
    if (!in.has("metric")) {
      in.needs("\"metric\"", "add the metric to " + verb + ", e.g. metric: row_count");
    } else if (metric != null && !NAMES.contains(metric)) {
      in.problem(
          "metric", "\"metric\" must be one of " + String.join(", ", NAMES) + ", not " + metric);
    }
    return metric;
  }

  /** This run's value as explanations say it: {@code row_count: 1,000 in this run}. */
  String nowText(Double now) {
    return name() + ": " + (now == null ? "no value" : Change.show(now)) + " in this run";
  }

  /** How a history rule judges this run's value against the earlier runs, oldest first. */
  @FunctionalInterface
  interface OverHistory {
    Verdict judge(Double now, String nowText, List<History.Run> runs);
  }

  /**
   * A judge that reads this metric now and the history, says why it cannot compare when the history
   * is absent or unreadable, and else lets {@code judge} decide.
   */
  DataCheck.Judge overHistory(String threshold, OverHistory judge) {
    return m -> {
      Double now = now(m);
      String nowText = nowText(now);
      History h = m.history();
      Verdict undecided = withoutHistory(h, now, threshold, nowText);
      return undecided != null ? undecided : judge.judge(now, nowText, h.runs());
    };
  }

  /**
   * A judged verdict whose sentence is {@code nowText} "vs" what it was compared {@code against}.
   */
  static Verdict compared(
      boolean breached, double now, String threshold, String nowText, String against) {
    return new Verdict(breached, now, null, threshold, nowText + " vs " + against);
  }

  /**
   * The INFO verdict of a history rule with {@code found} {@code what}s (e.g. "earlier run") where
   * {@code needed} are needed, or this run without a value: never a pass.
   */
  static Verdict tooLittleHistory(
      Double now, String threshold, String nowText, int found, String what, int needed) {
    return Verdict.undecided(
        Verdict.Basis.TOO_LITTLE_HISTORY,
        now,
        threshold,
        nowText
            + "; "
            + found
            + " "
            + what
            + (found == 1 ? "" : "s")
            + " recorded it, "
            + needed
            + " needed before judging");
  }

  /**
   * The verdict of a history rule that cannot compare because the history is absent or unreadable,
   * or null when it can.
   */
  private static Verdict withoutHistory(History h, Double now, String threshold, String nowText) {
    if (h.problem() == null) {
      return null;
    }
    return Verdict.undecided(
        h.unreadable() ? Verdict.Basis.UNREADABLE_HISTORY : Verdict.Basis.NO_HISTORY,
        now,
        threshold,
        nowText + "; cannot compare because " + h.problem());
  }
}
