package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cross_stage}: a metric of this dataset compared with the same metric of another gated
 * dataset of the same run, e.g. {@code features} rows equal {@code labeled_users} rows, or the
 * distinct users of {@code user_features} are at least 95 % of those of {@code bronze}.
 *
 * <p>At no extra pass: the other dataset ({@code stage}, named like a rule block, view, table or
 * path) computes the metric in its own pass, because the engine plans {@link #feed} on its data
 * too; this rule judges when this dataset is judged, from the metrics the run recorded for the
 * other one ({@link Observed#runStages()}), so in enforce mode a breach stops this dataset's write.
 * When the other dataset was not judged (yet) in this run, or did not record the metric, the
 * outcome is WARN saying so, never a pass.
 *
 * @param stage the other dataset, as the rule file names it
 * @param stageColumn the other dataset's column (defaults to {@code column})
 * @param minRatio this ÷ other must be at least this, or null
 * @param maxRatio this ÷ other must be at most this, or null
 * @param maxDifference |this − other| must be at most this, or null
 */
public record CrossStage(
    RuleMeta meta,
    String metric,
    String column,
    String stage,
    String stageColumn,
    Double minRatio,
    Double maxRatio,
    Double maxDifference)
    implements DataCheck, RunStages.Reader {
  public static final CheckKind<CrossStage> KIND =
      CheckKind.data(
          "cross_stage",
          List.of(
              "metric",
              "column",
              "stage",
              "stage_column",
              "min_ratio",
              "max_ratio",
              "max_difference"),
          in -> {
            String metric = TrackedMetric.read(in, "compare");
            String stage = RunStages.readStage(in);
            String column = in.has("column") ? in.text("column") : null;
            String stageColumn = in.has("stage_column") ? in.text("stage_column") : null;
            Double minRatio = in.has("min_ratio") ? in.nonNegative("min_ratio") : null;
            Double maxRatio = in.has("max_ratio") ? in.positive("max_ratio", 1) : null;
            Double maxDifference = in.nonNegative("max_difference");
            if (!in.has("min_ratio") && !in.has("max_ratio") && !in.has("max_difference")) {
              in.needs(
                  "\"min_ratio\", \"max_ratio\" or \"max_difference\"",
                  "add how this dataset's metric relates to the other's, e.g. min_ratio: 0.95");
            }
            if (minRatio != null && maxRatio != null && minRatio > maxRatio) {
              in.problem(
                  "min_ratio",
                  "min_ratio "
                      + Formats.number(minRatio)
                      + " is greater than max_ratio "
                      + Formats.number(maxRatio)
                      + ": swap them");
            }
            return new CrossStage(
                in.meta(column),
                metric == null ? "row_count" : metric,
                column,
                stage,
                stageColumn == null || stageColumn.equals(column) ? null : stageColumn,
                minRatio,
                maxRatio,
                maxDifference);
          });

  public String keyword() {
    return KIND.keyword();
  }

  /** The other dataset's column: {@code stage_column}, else {@code column}. */
  public String otherColumn() {
    return stageColumn != null ? stageColumn : column;
  }

  public List<String> fields() {
    List<String> f = TrackedMetric.fields(metric, column);
    f.add("stage: " + Check.quote(stage));
    if (stageColumn != null) {
      f.add("stage_column: " + Check.quote(stageColumn));
    }
    Check.optional(f, "min_ratio", minRatio);
    Check.optional(f, "max_ratio", maxRatio);
    Check.optional(f, "max_difference", maxDifference);
    return f;
  }

  /** The allowed relation as a person reads it: {@code ≥ 95% of bronze}, {@code difference ≤ 0}. */
  String allowed() {
    List<String> parts = new ArrayList<>();
    if (minRatio != null && minRatio.equals(maxRatio)) {
      parts.add("= " + Formats.percent(minRatio) + " of " + stage);
    } else {
      if (minRatio != null) {
        parts.add("≥ " + Formats.percent(minRatio) + " of " + stage);
      }
      if (maxRatio != null) {
        parts.add("≤ " + Formats.percent(maxRatio) + " of " + stage);
      }
    }
    if (maxDifference != null) {
      parts.add("difference from " + stage + " ≤ " + Change.show(maxDifference));
    }
    return String.join(", ", parts);
  }

  /**
   * Declares, on the data of the dataset this rule compares with, the metric it reads from there:
   * the engine plans this with that dataset's own rules, so the metric rides in its pass.
   */
  public void feed(PlanContext stageData) {
    TrackedMetric.plan(metric, otherColumn(), stageData);
  }

  public Judge plan(PlanContext data) {
    TrackedMetric here = TrackedMetric.plan(metric, column, data);
    TrackedMetric there = TrackedMetric.recorded(metric, otherColumn());
    String threshold = allowed();
    return m -> {
      Double now = here.now(m);
      String nowText = here.name() + ": " + (now == null ? "no value" : Change.show(now)) + " here";
      RunStages.Found found = m.runStages().lookup(stage);
      RunStages.Stage other = found.stage();
      if (other == null) {
        return cannotCompare(now, threshold, nowText, stage, found.why());
      }
      Double then = there.then(other.asRun());
      String name = other.id().title();
      if (then == null || now == null) {
        return cannotCompare(
            now,
            threshold,
            nowText,
            name,
            now == null
                ? "this dataset has no value for it"
                : name + " recorded no " + there.name() + " (does it have that column?)");
      }
      double difference = now - then;
      double ratio = then == 0 ? (now == 0 ? 1 : Double.POSITIVE_INFINITY) : now / then;
      boolean breached =
          minRatio != null && ratio < minRatio - 1e-12
              || maxRatio != null && ratio > maxRatio + 1e-12
              || maxDifference != null && Math.abs(difference) > maxDifference + 1e-12;
      String relation =
          (Double.isInfinite(ratio) ? "more than none" : Formats.percent(ratio) + " of it")
              + (difference == 0
                  ? ""
                  : ", "
                      + Change.show(Math.abs(difference))
                      + (difference < 0 ? " less" : " more"));
      return TrackedMetric.compared(
          breached,
          now,
          threshold,
          nowText,
          Change.show(then)
              + " in "
              + name
              + (other.published() ? "" : " (its write was stopped)")
              + ": "
              + relation
              + "; allowed "
              + threshold);
    };
  }

  @Override
  public String toString() {
    return Check.print(this);
  }

  /** A verdict that says why this rule cannot compare with {@code other}: never a pass. */
  private static Verdict cannotCompare(
      Double now, String threshold, String nowText, String other, String why) {
    return Verdict.undecided(
        Verdict.Basis.NO_OTHER_STAGE,
        now,
        threshold,
        nowText + "; cannot compare with " + other + " because " + why);
  }
}
