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

  /**
   * A Bloom filter of the non-null values of {@code column} (Spark's serialized {@code
   * BloomFilter}, as byte[]; null when there is none): what {@code references} rules of other
   * datasets test their keys against. Sized by {@link #FILTER_EXPECTED_KEYS} and {@link
   * #FILTER_BITS}.
   */
  record KeyFilter(String column) implements MetricKey {}

  /** Keys a {@link KeyFilter} is sized for: 1,000,000. */
  long FILTER_EXPECTED_KEYS = 1_000_000L;

  /** Bits of a {@link KeyFilter}: 8,388,608 (1 MiB), ≈ 1.8 % false positives at 1,000,000 keys. */
  long FILTER_BITS = 8L * 1024 * 1024;

  /**
   * Rows whose non-null {@code column} is definitely not among the keys of another dataset: not in
   * its {@link KeyFilter} {@code filter} (serialized; null: that dataset has no key, so every
   * non-null key counts). Compared by content; named by the other dataset ({@code from}).
   */
  record Unmatched(String column, String from, byte[] filter) implements MetricKey {
    @Override
    public boolean equals(Object o) {
      return o instanceof Unmatched u
          && u.column.equals(column)
          && u.from.equals(from)
          && java.util.Arrays.equals(u.filter, filter);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(column, from, java.util.Arrays.hashCode(filter));
    }

    @Override
    public String toString() {
      return "Unmatched[column=" + column + ", from=" + from + "]";
    }
  }

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
