package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code change}: a metric moved by at most {@code max_decrease} / {@code max_increase} (relative)
 * or {@code max_change} (absolute) against earlier runs of the same dataset, read from the metric
 * history ({@code spark.dqgate.history}). {@code compare_to: previous} compares with the last run,
 * {@code compare_to: mean} with the mean of the last {@code runs} runs (default 7). Fewer than
 * {@code min_history} earlier runs (default 1) is an INFO outcome, not a pass; no history
 * configured is WARN, an unreadable one ERROR.
 */
public record Change(
    RuleMeta meta,
    String metric,
    String column,
    String compareTo,
    int runs,
    Double maxDecrease,
    Double maxIncrease,
    Double maxChange,
    int minHistory)
    implements DataCheck {
  public static final CheckKind<Change> KIND =
      CheckKind.data(
          "change",
          List.of(
              "metric",
              "column",
              "compare_to",
              "runs",
              "max_decrease",
              "max_increase",
              "max_change",
              "min_history"),
          in -> {
            String metric = TrackedMetric.read(in, "follow");
            String column = in.has("column") ? in.text("column") : null;
            String compareTo = in.has("compare_to") ? in.text("compare_to") : "previous";
            if (compareTo != null && !compareTo.equals("previous") && !compareTo.equals("mean")) {
              in.problem(
                  "compare_to",
                  "\"compare_to\" must be previous or mean (with runs: N), not " + compareTo);
            }
            Integer runs = in.intCount("runs");
            Double maxDecrease = in.fraction("max_decrease");
            Double maxIncrease = in.has("max_increase") ? in.positive("max_increase", 1) : null;
            Double maxChange = in.has("max_change") ? in.positive("max_change", 1) : null;
            if (!in.has("max_decrease") && !in.has("max_increase") && !in.has("max_change")) {
              in.needs(
                  "\"max_decrease\", \"max_increase\" or \"max_change\"",
                  "add how far the metric may move, e.g. max_decrease: 0.3");
            }
            Integer minHistory = in.intCount("min_history");
            return new Change(
                in.meta(column),
                metric == null ? "row_count" : metric,
                column,
                compareTo == null ? "previous" : compareTo,
                runs == null || runs < 1 ? 7 : runs,
                maxDecrease,
                maxIncrease,
                maxChange,
                minHistory == null || minHistory < 1 ? 1 : minHistory);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = TrackedMetric.fields(metric, column);
    Check.unlessDefault(f, "compare_to", compareTo, "previous");
    Check.unlessDefault(f, "runs", runs, 7);
    Check.optional(f, "max_decrease", maxDecrease);
    Check.optional(f, "max_increase", maxIncrease);
    Check.optional(f, "max_change", maxChange);
    Check.unlessDefault(f, "min_history", minHistory, 1);
    return f;
  }

  /** The allowed movement as a person reads it: {@code decrease ≤ 30%, increase ≤ 50%}. */
  String allowed() {
    List<String> parts = new ArrayList<>();
    if (maxDecrease != null) {
      parts.add("decrease ≤ " + Formats.percent(maxDecrease));
    }
    if (maxIncrease != null) {
      parts.add("increase ≤ " + Formats.percent(maxIncrease));
    }
    if (maxChange != null) {
      parts.add("change ≤ " + Formats.number(maxChange));
    }
    return String.join(", ", parts);
  }

  public Judge plan(PlanContext data) {
    TrackedMetric tracked = TrackedMetric.plan(metric, column, data);
    String threshold =
        allowed() + " vs " + (compareTo.equals("mean") ? "mean of last " + runs : "previous run");
    return tracked.overHistory(
        threshold,
        (now, nowText, earlier) -> {
          List<History.Run> usable = new ArrayList<>();
          List<Double> values = new ArrayList<>();
          for (History.Run run : earlier) {
            Double v = tracked.then(run);
            if (v != null) {
              usable.add(run);
              values.add(v);
            }
          }
          if (usable.size() < minHistory || now == null) {
            return TrackedMetric.tooLittleHistory(
                now, threshold, nowText, usable.size(), "earlier run", minHistory);
          }
          double base;
          String against;
          if (compareTo.equals("mean")) {
            int from = Math.max(0, values.size() - runs);
            List<Double> last = values.subList(from, values.size());
            base = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            against =
                "the mean "
                    + show(base)
                    + " of "
                    + last.size()
                    + " earlier runs ("
                    + usable.get(from).describe()
                    + " to "
                    + usable.get(usable.size() - 1).describe()
                    + ")";
          } else {
            History.Run prev = usable.get(usable.size() - 1);
            base = values.get(values.size() - 1);
            against = show(base) + " in " + prev.describe();
          }
          double delta = now - base;
          double rel =
              base == 0
                  ? (delta == 0 ? 0 : Double.POSITIVE_INFINITY * Math.signum(delta))
                  : delta / Math.abs(base);
          boolean breached =
              maxDecrease != null && rel < 0 && -rel > maxDecrease + 1e-12
                  || maxIncrease != null && rel > 0 && rel > maxIncrease + 1e-12
                  || maxChange != null && Math.abs(delta) > maxChange + 1e-12;
          String moved =
              Double.isInfinite(rel)
                  ? (delta > 0 ? "up from zero" : "down from zero")
                  : (rel < 0 ? "−" : "+") + Formats.percent(Math.abs(rel));
          return TrackedMetric.compared(
              breached, now, threshold, nowText, against + ": " + moved + "; allowed " + allowed());
        });
  }

  /** A metric value as people read it: 1,000 for whole numbers, else 0.125. */
  static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Formats.count((long) v) : Formats.number(v);
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
