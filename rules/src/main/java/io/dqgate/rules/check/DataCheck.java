package io.dqgate.rules.check;

/**
 * A check computed from the rows of a dataset. {@link #plan} is all a kind says about computing it,
 * in Spark-free terms: it looks up its columns in the {@link PlanContext}, declares the {@link
 * MetricKey}s it needs, and returns how to judge their values. A rule that cannot be computed on
 * the schema throws {@link CannotPlan} with the reason, and becomes an ERROR outcome.
 */
public sealed interface DataCheck extends Check
    permits NotNull,
        Duplicates,
        Range,
        IqrOutliers,
        RowCount,
        AllowedValues,
        Expression,
        Schema,
        Freshness,
        Change,
        Anomaly,
        CrossStage,
        References {

  /** Declares the metrics this rule needs on {@code data}; returns how to judge them. */
  Judge plan(PlanContext data);

  /** How a planned rule judges the metrics computed for it. */
  @FunctionalInterface
  interface Judge {
    Verdict judge(Observed metrics);
  }
}
