package io.dqgate.rules.check;

import java.util.List;

/**
 * One metric the gate computes. Keys are values: two rules needing the same metric share one
 * aggregate expression. Single-pass metrics ride inside another query's pass ({@code
 * Dataset.observe}); the others need the extra pass, which is planned once per dataset for all of
 * them. The engine compiles each key into Spark (one place per key); kinds only name them.
 */
public sealed interface MetricKey {

  /** True when the metric can be computed by an aggregate that rides in the data's own pass. */
  default boolean singlePass() {
    return true;
  }

  record RowCount() implements MetricKey {}

  /** SQL NULLs only. */
  record NullCount(String column) implements MetricKey {}

  /** NaN values of a float/double column (missing too). */
  record NanCount(String column) implements MetricKey {}

  /** Smallest non-missing value. */
  record Min(String column) implements MetricKey {}

  /**
   * Largest non-missing value (for a timestamp: java.sql.Timestamp or Instant, per the session).
   */
  record Max(String column) implements MetricKey {}

  record Sum(String column) implements MetricKey {}

  /** Approximate quartiles 0.25/0.5/0.75 of the non-missing values, as double[3]. */
  record Quartiles(String column) implements MetricKey {}

  record ApproxDistinct(String column) implements MetricKey {}

  /** Non-missing values outside a range, bounds as written (numbers or date texts). */
  record OutOfRange(
      String column, Object min, Object max, boolean minInclusive, boolean maxInclusive)
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

  /**
   * Exact count of distinct keys where a rule allows no repeated key: the same value as {@link
   * DistinctKeys}, which Spark may first count from 64-bit hashes of the keys (cheaper to shuffle
   * and group) and count exactly only when the hashes repeat.
   */
  record UniqueKeys(List<String> columns) implements MetricKey {
    @Override
    public boolean singlePass() {
      return false;
    }
  }

  /**
   * Exact count of non-missing values outside Q1 − k·IQR .. Q3 + k·IQR, quartiles from pass one.
   */
  record IqrOutside(String column, double k) implements MetricKey {
    @Override
    public boolean singlePass() {
      return false;
    }
  }

  /**
   * The name metric history records the key's value under (its record form, e.g. {@code
   * NullCount[column=email]}); an array value {@code v} is recorded as {@code label[i]}.
   */
  static String label(MetricKey key) {
    return key.toString();
  }

  /** The lower and upper IQR fences for quartiles {@code q} and factor {@code k}. */
  static double[] fences(double[] q, double k) {
    double iqr = q[2] - q[0];
    return new double[] {q[0] - k * iqr, q[2] + k * iqr};
  }
}
