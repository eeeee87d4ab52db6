package io.dqgate.core;

import java.util.List;

/**
 * One metric the gate computes. Keys are values: two rules needing the same metric share one aggregate
 * expression. Single-pass metrics ride inside another query's pass ({@code Dataset.observe}); the others
 * need the extra pass, which is planned once per dataset for all of them.
 */
sealed interface MetricKey {

  /** True when the metric can be computed by an aggregate that rides in the data's own pass. */
  default boolean singlePass() {
    return true;
  }

  record RowCount() implements MetricKey {}

  /** SQL NULLs only. */
  record NullCount(String column) implements MetricKey {}

  /** NaN values of a float/double column (missing too, see {@link CheckPlanner}). */
  record NanCount(String column) implements MetricKey {}

  record Min(String column) implements MetricKey {}

  record Max(String column) implements MetricKey {}

  record Sum(String column) implements MetricKey {}

  /** Approximate quartiles 0.25/0.5/0.75 of the non-missing values. */
  record Quartiles(String column) implements MetricKey {}

  record ApproxDistinct(String column) implements MetricKey {}

  /** Non-missing values outside a range, bounds as written (numbers or date texts). */
  record OutOfRange(String column, Object min, Object max, boolean minInclusive, boolean maxInclusive)
      implements MetricKey {}

  /** Non-missing values not in a list. */
  record NotAllowed(String column, List<Object> values) implements MetricKey {}

  /** Rows for which a SQL boolean expression is true. */
  record ExpressionTrue(String sql) implements MetricKey {}

  /** Exact count of distinct keys (a whole row when {@code columns} lists all of them). */
  record DistinctKeys(List<String> columns) implements MetricKey {
    @Override
    public boolean singlePass() {
      return false;
    }
  }

  /** Exact count of non-missing values outside Q1 − k·IQR .. Q3 + k·IQR, quartiles from pass one. */
  record IqrOutside(String column, double k) implements MetricKey {
    @Override
    public boolean singlePass() {
      return false;
    }
  }
}
