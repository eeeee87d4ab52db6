package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anomaly}: a metric is not an anomaly against its earlier runs, judged by one of Deequ's
 * anomaly strategies ({@code com.amazon.deequ.anomalydetection}), computed here on the recorded
 * series:
 *
 * <ul>
 *   <li>{@code batch_normal} (default, {@code BatchNormalStrategy}): within {@code deviations}
 *       standard deviations of the mean of earlier runs. With {@code season: N} only the runs at
 *       the same phase of an N-run season are compared (every N-th run back), so a weekly pattern
 *       of daily runs is not an anomaly but a Monday with a Sunday's count is.
 *   <li>{@code online_normal} ({@code OnlineNormalStrategy}): within {@code deviations} standard
 *       deviations of the running mean, earlier anomalies left out of the running statistics.
 *   <li>{@code rate_of_change} ({@code RateOfChangeStrategy}): the change from the previous run is
 *       at most {@code max_rate_decrease} down and {@code max_rate_increase} up.
 *   <li>{@code holt_winters} ({@code seasonal.HoltWinters}, additive): within 1.96 standard
 *       deviations of the fitted model's residuals around its forecast; {@code season} runs a
 *       season (7: daily runs, weekly pattern; 12: monthly runs, yearly), at least two seasons of
 *       history.
 * </ul>
 *
 * Fewer than {@code min_history} usable earlier runs is an INFO outcome, not a pass.
 */
public record Anomaly(
    RuleMeta meta,
    String metric,
    String column,
    String strategy,
    double deviations,
    int season,
    int runs,
    int minHistory,
    Double maxRateDecrease,
    Double maxRateIncrease)
    implements DataCheck {
  static final List<String> STRATEGIES =
      List.of("batch_normal", "online_normal", "rate_of_change", "holt_winters");

  public static final CheckKind<Anomaly> KIND =
      CheckKind.data(
          "anomaly",
          List.of(
              "metric",
              "column",
              "strategy",
              "deviations",
              "season",
              "runs",
              "min_history",
              "max_rate_decrease",
              "max_rate_increase"),
          in -> {
            String metric = TrackedMetric.read(in, "follow");
            String strategy = in.has("strategy") ? in.text("strategy") : "batch_normal";
            if (strategy != null && !STRATEGIES.contains(strategy)) {
              in.problem(
                  "strategy",
                  "\"strategy\" must be one of "
                      + String.join(", ", STRATEGIES)
                      + " (add season: N for seasonal data), not "
                      + strategy);
              strategy = null;
            }
            String s = strategy == null ? "batch_normal" : strategy;
            Integer season = in.intCount("season");
            Integer runs = in.intCount("runs");
            Integer minHistory = in.intCount("min_history");
            Double down = in.nonNegative("max_rate_decrease");
            Double up = in.nonNegative("max_rate_increase");
            boolean rates = in.has("max_rate_decrease") || in.has("max_rate_increase");
            if (s.equals("rate_of_change") && !rates) {
              in.needs(
                  "\"max_rate_decrease\" or \"max_rate_increase\"",
                  "add how far the metric may move from one run to the next, e.g."
                      + " max_rate_decrease: 500");
            } else if (!s.equals("rate_of_change") && rates) {
              in.problem(
                  in.has("max_rate_decrease") ? "max_rate_decrease" : "max_rate_increase",
                  "max_rate_decrease and max_rate_increase belong to strategy: rate_of_change,"
                      + " not "
                      + s
                      + ": add strategy: rate_of_change or remove them");
            }
            int seasonLength =
                season == null || season < 1 ? (s.equals("holt_winters") ? 7 : 1) : season;
            if (s.equals("holt_winters") && seasonLength < 2) {
              in.problem(
                  "season", "holt_winters needs a season of at least 2 runs, e.g. season: 7");
            }
            int fewest = fewestRuns(s, seasonLength);
            if (minHistory != null && minHistory < fewest && s.equals("holt_winters")) {
              in.problem(
                  "min_history",
                  "holt_winters needs at least two seasons of history: min_history "
                      + minHistory
                      + " is less than "
                      + fewest);
            }
            String column = in.has("column") ? in.text("column") : null;
            int defaultRuns = defaultRuns(s, seasonLength);
            return new Anomaly(
                in.meta(column),
                metric == null ? "row_count" : metric,
                column,
                s,
                in.positive("deviations", 3),
                seasonLength,
                runs == null || runs < fewest ? Math.max(defaultRuns, fewest) : runs,
                minHistory == null || minHistory < fewest
                    ? defaultMinHistory(s, seasonLength)
                    : minHistory,
                down,
                up);
          });

  /** The fewest earlier runs a strategy can judge with. */
  private static int fewestRuns(String strategy, int season) {
    return switch (strategy) {
      case "rate_of_change" -> 1;
      case "holt_winters" -> 2 * season;
      default -> 2;
    };
  }

  private static int defaultMinHistory(String strategy, int season) {
    return switch (strategy) {
      case "rate_of_change" -> 1;
      case "holt_winters" -> 2 * season;
      default -> 5;
    };
  }

  /** Eight seasons for holt_winters (at least 30 runs), else 30 runs. */
  private static int defaultRuns(String strategy, int season) {
    return strategy.equals("holt_winters") ? Math.max(30, 8 * season) : 30;
  }

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = TrackedMetric.fields(metric, column);
    Check.unlessDefault(f, "strategy", strategy, "batch_normal");
    Check.unlessDefault(f, "deviations", deviations, 3.0);
    Check.unlessDefault(f, "season", season, strategy.equals("holt_winters") ? 7 : 1);
    Check.unlessDefault(f, "runs", runs, defaultRuns(strategy, season));
    Check.unlessDefault(f, "min_history", minHistory, defaultMinHistory(strategy, season));
    Check.optional(f, "max_rate_decrease", maxRateDecrease);
    Check.optional(f, "max_rate_increase", maxRateIncrease);
    return f;
  }

  /** What the rule allows, as a person reads it. */
  String allowed() {
    return switch (strategy) {
      case "online_normal" -> "within " + Formats.number(deviations) + " σ of the running mean";
      case "rate_of_change" -> "change from the previous run within " + rateRange();
      case "holt_winters" ->
          "within 1.96 σ of the Holt-Winters forecast (season " + season + " runs)";
      default ->
          "within "
              + Formats.number(deviations)
              + " σ of "
              + (season > 1 ? "same-phase " : "")
              + "earlier runs";
    };
  }

  private String rateRange() {
    return (maxRateDecrease == null ? "−∞" : "−" + Change.show(maxRateDecrease))
        + " .. "
        + (maxRateIncrease == null ? "+∞" : "+" + Change.show(maxRateIncrease));
  }

  public Judge plan(PlanContext data) {
    TrackedMetric tracked = TrackedMetric.plan(metric, column, data);
    String threshold = allowed();
    return tracked.overHistory(
        threshold,
        (now, nowText, all) -> {
          // The compared runs, oldest first: for batch_normal with a season, the same phase only
          // (season, 2·season, ... runs back); else every run that recorded the metric.
          int step = strategy.equals("batch_normal") ? season : 1;
          List<History.Run> compared = new ArrayList<>();
          List<Double> values = new ArrayList<>();
          for (int back = step; back <= all.size() && compared.size() < runs; back += step) {
            History.Run run = all.get(all.size() - back);
            Double v = tracked.then(run);
            if (v != null) {
              compared.add(0, run);
              values.add(0, v);
            }
          }
          if (values.size() < minHistory || now == null) {
            return TrackedMetric.tooLittleHistory(
                now, threshold, nowText, values.size(), "comparable earlier run", minHistory);
          }
          String over =
              " over "
                  + values.size()
                  + (step > 1 ? " same-phase" : "")
                  + " earlier runs ("
                  + compared.get(0).describe()
                  + " to "
                  + compared.get(compared.size() - 1).describe()
                  + ")";
          return switch (strategy) {
            case "online_normal" -> onlineNormal(now, nowText, values, threshold, over);
            case "rate_of_change" ->
                rateOfChange(now, nowText, values, compared.get(compared.size() - 1), threshold);
            case "holt_winters" -> holtWinters(now, nowText, values, threshold, over);
            default -> batchNormal(now, nowText, values, threshold, over);
          };
        });
  }

  private Verdict batchNormal(
      double now, String nowText, List<Double> values, String threshold, String over) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / (values.size() - 1));
    return within(now, nowText, threshold, "mean", mean, deviations, sd, over);
  }

  /**
   * Deequ's OnlineNormalStrategy (ignoreStartPercentage 0.1, ignoreAnomalies): Welford's running
   * mean and variance over the series and this run, each value judged against the statistics
   * including it, anomalies (after the first 10 %) left out of the statistics that follow.
   */
  private Verdict onlineNormal(
      double now, String nowText, List<Double> earlier, String threshold, String over) {
    List<Double> series = new ArrayList<>(earlier);
    series.add(now);
    double mean = 0;
    double sn = 0;
    double sd = 0;
    double skip = series.size() * 0.1;
    for (int i = 0; i < series.size(); i++) {
      double v = series.get(i);
      double lastMean = mean;
      double lastSn = sn;
      mean = i == 0 ? v : lastMean + (v - lastMean) / (i + 1);
      sn += (v - lastMean) * (v - mean);
      sd = Math.sqrt(sn / (i + 1));
      boolean normal = i < skip || Math.abs(v - mean) <= deviations * sd + 1e-9;
      if (i == series.size() - 1) {
        return within(now, nowText, threshold, "running mean", mean, deviations, sd, over);
      }
      if (!normal) {
        mean = lastMean;
        sn = lastSn;
      }
    }
    throw new IllegalStateException("unreachable: the series ends with this run");
  }

  /** Deequ's RateOfChangeStrategy: the change from the previous run within the allowed range. */
  private Verdict rateOfChange(
      double now, String nowText, List<Double> values, History.Run previous, String threshold) {
    double before = values.get(values.size() - 1);
    double change = now - before;
    boolean breached =
        maxRateDecrease != null && -change > maxRateDecrease + 1e-9
            || maxRateIncrease != null && change > maxRateIncrease + 1e-9;
    return TrackedMetric.compared(
        breached,
        now,
        threshold,
        nowText,
        Change.show(before)
            + " in "
            + previous.describe()
            + ": change "
            + (change < 0 ? "−" : "+")
            + Change.show(Math.abs(change))
            + "; allowed "
            + rateRange()
            + (breached ? ": an anomaly" : ""));
  }

  /**
   * Deequ's seasonal HoltWinters (additive): level, trend and season smoothed over the earlier
   * runs, α, β, γ chosen in [0, 1] to minimise the squared one-step errors (a 0.1 grid; Deequ
   * optimises them with L-BFGS-B), this run anomalous when it lies more than 1.96 σ of the
   * residuals from the forecast.
   */
  private Verdict holtWinters(
      double now, String nowText, List<Double> values, String threshold, String over) {
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] best = null;
    for (int a = 0; a <= 10; a++) {
      for (int b = 0; b <= 10; b++) {
        for (int g = 0; g <= 10; g++) {
          double[] fit = HoltWintersFit.of(y, season, a / 10.0, b / 10.0, g / 10.0);
          if (best == null || fit[0] < best[0]) {
            best = fit;
          }
        }
      }
    }
    double forecast = best[1];
    double sd = best[2];
    return within(
        now,
        nowText,
        threshold,
        "Holt-Winters forecast (α "
            + Formats.number(best[3])
            + ", β "
            + Formats.number(best[4])
            + ", γ "
            + Formats.number(best[5])
            + ")",
        forecast,
        1.96,
        sd,
        over);
  }

  /** The additive Holt-Winters recursion over one series, for one α, β, γ. */
  private static final class HoltWintersFit {
    /** {sum of squared errors, next forecast, residual σ, α, β, γ}. */
    static double[] of(double[] y, int p, double alpha, double beta, double gamma) {
      double level = 0;
      for (int i = 0; i < p; i++) {
        level += y[i] / p;
      }
      double trend = 0;
      for (int i = p; i < 2 * p; i++) {
        trend += (y[i] - y[i - p]) / p / p;
      }
      double[] seasonal = new double[y.length + 1];
      for (int i = 0; i < p; i++) {
        seasonal[i] = y[i] - level;
      }
      double sse = 0;
      double sum = 0;
      double sumSq = 0;
      int n = 0;
      for (int t = p; t < y.length; t++) {
        double forecast = level + trend + seasonal[t - p];
        double error = y[t] - forecast;
        sse += error * error;
        sum += error;
        sumSq += error * error;
        n++;
        double lastLevel = level;
        level = alpha * (y[t] - seasonal[t - p]) + (1 - alpha) * (level + trend);
        trend = beta * (level - lastLevel) + (1 - beta) * trend;
        seasonal[t] = gamma * (y[t] - level) + (1 - gamma) * seasonal[t - p];
      }
      double mean = sum / n;
      double sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
      double next = level + trend + seasonal[y.length - p];
      return new double[] {sse, next, sd, alpha, beta, gamma};
    }
  }

  /** The verdict of a value that must lie within {@code k} σ of {@code center}. */
  private static Verdict within(
      double now,
      String nowText,
      String threshold,
      String what,
      double center,
      double k,
      double sd,
      String over) {
    double lo = center - k * sd;
    double hi = center + k * sd;
    boolean breached = now < lo - 1e-9 || now > hi + 1e-9;
    return TrackedMetric.compared(
        breached,
        now,
        threshold,
        nowText,
        what
            + " "
            + Change.show(round(center))
            + " ± "
            + Formats.number(k)
            + " σ (σ "
            + Formats.number(round(sd))
            + ") = ["
            + Formats.number(round(lo))
            + ", "
            + Formats.number(round(hi))
            + "]"
            + over
            + (breached ? ": an anomaly" : ""));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
