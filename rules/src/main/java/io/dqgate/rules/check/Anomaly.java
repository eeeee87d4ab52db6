package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anomaly}: a metric lies within {@code deviations} standard deviations of its mean over
 * earlier runs (a batch-normal strategy, as Deequ's {@code BatchNormalStrategy}). With {@code
 * season: N} only the runs at the same phase of an N-run season are compared (every N-th run back),
 * so a weekly pattern of daily runs is not an anomaly but a Monday with a Sunday's count is. Fewer
 * than {@code min_history} comparable runs is an INFO outcome, not a pass.
 */
public record Anomaly(
    RuleMeta meta,
    String metric,
    String column,
    String strategy,
    double deviations,
    int season,
    int runs,
    int minHistory)
    implements DataCheck {
  public static final CheckKind<Anomaly> KIND =
      CheckKind.data(
          "anomaly",
          List.of("metric", "column", "strategy", "deviations", "season", "runs", "min_history"),
          in -> {
            String metric = TrackedMetric.read(in);
            String strategy = in.has("strategy") ? in.text("strategy") : "batch_normal";
            if (strategy != null && !strategy.equals("batch_normal")) {
              in.problem(
                  "strategy",
                  "\"strategy\" must be batch_normal (add season: N for seasonal data), not "
                      + strategy);
            }
            Integer season = in.intCount("season");
            Integer runs = in.intCount("runs");
            Integer minHistory = in.intCount("min_history");
            String column = in.has("column") ? in.text("column") : null;
            return new Anomaly(
                in.meta(column),
                metric == null ? "row_count" : metric,
                column,
                "batch_normal",
                in.positive("deviations", 3),
                season == null || season < 1 ? 1 : season,
                runs == null || runs < 2 ? 30 : runs,
                minHistory == null || minHistory < 2 ? 5 : minHistory);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = TrackedMetric.fields(metric, column);
    if (deviations != 3) {
      f.add("deviations: " + Formats.number(deviations));
    }
    if (season != 1) {
      f.add("season: " + season);
    }
    if (runs != 30) {
      f.add("runs: " + runs);
    }
    if (minHistory != 5) {
      f.add("min_history: " + minHistory);
    }
    return f;
  }

  public Judge plan(PlanContext data) {
    TrackedMetric tracked = TrackedMetric.plan(metric, column, data);
    String threshold =
        "within "
            + Formats.number(deviations)
            + " σ of "
            + (season > 1 ? "same-phase " : "")
            + "earlier runs";
    return m -> {
      Double now = tracked.now(m);
      String nowText = tracked.nowText(now);
      History h = m.history();
      Verdict undecided = TrackedMetric.withoutHistory(h, now, threshold, nowText);
      if (undecided != null) {
        return undecided;
      }
      List<History.Run> all = h.runs();
      // Same phase of the season: the runs season, 2·season, ... back from this one.
      List<History.Run> compared = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int back = season; back <= all.size() && compared.size() < runs; back += season) {
        History.Run run = all.get(all.size() - back);
        Double v = tracked.then(run);
        if (v != null) {
          compared.add(0, run);
          values.add(0, v);
        }
      }
      if (values.size() < minHistory || now == null) {
        return Verdict.undecided(
            Verdict.Basis.TOO_LITTLE_HISTORY,
            now,
            threshold,
            nowText
                + "; "
                + values.size()
                + " comparable earlier run"
                + (values.size() == 1 ? "" : "s")
                + " recorded it, "
                + minHistory
                + " needed before judging");
      }
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double var = 0;
      for (double v : values) {
        var += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(var / (values.size() - 1));
      double lo = mean - deviations * sd;
      double hi = mean + deviations * sd;
      boolean breached = now < lo - 1e-9 || now > hi + 1e-9;
      return new Verdict(
          breached,
          now,
          null,
          threshold,
          nowText
              + " vs mean "
              + Change.show(Math.round(mean * 1000) / 1000.0)
              + " ± "
              + Formats.number(deviations)
              + " σ (σ "
              + Formats.number(Math.round(sd * 1000) / 1000.0)
              + ") = ["
              + Formats.number(Math.round(lo * 1000) / 1000.0)
              + ", "
              + Formats.number(Math.round(hi * 1000) / 1000.0)
              + "] over "
              + values.size()
              + (season > 1 ? " same-phase" : "")
              + " earlier runs ("
              + compared.get(0).describe()
              + " to "
              + compared.get(compared.size() - 1).describe()
              + ")"
              + (breached ? ": an anomaly" : ""));
    };
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
