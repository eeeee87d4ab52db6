package io.dqgate.spark.suggest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The margins of suggested rules: each rule must pass on the data it was suggested from, and leave
 * room for the next batch to differ a little.
 */
final class Thresholds {
  /** {@code row_count} min, as a fraction of the rows observed. */
  static final double ROW_COUNT_FLOOR = 0.5;

  /**
   * z of the margin on a missing fraction (95% binomial interval, as Deequ's
   * RetainCompletenessRule).
   */
  static final double Z = 1.96;

  private static final MathContext TWO_DIGITS_DOWN = new MathContext(2, RoundingMode.FLOOR);
  private static final MathContext TWO_DIGITS_UP = new MathContext(2, RoundingMode.CEILING);

  private Thresholds() {}

  /** Half the rows, rounded down to 2 significant digits: 20,000 → 10,000; 12,345 → 6,100. */
  static long rowCountMin(long rows) {
    long half = (long) Math.floor(rows * ROW_COUNT_FLOOR);
    return half == 0 ? 0 : new BigDecimal(half).round(TWO_DIGITS_DOWN).longValueExact();
  }

  /**
   * The {@code max_fraction} of a {@code not_null} rule: the missing fraction plus a 95% binomial
   * margin, at least {@code deequMax} (1 − the completeness Deequ suggested), rounded up to 4
   * decimals.
   */
  static BigDecimal missingMax(long missing, long rows, Double deequMax) {
    double p = (double) missing / rows;
    double bound = p + Z * Math.sqrt(p * (1 - p) / rows);
    if (deequMax != null) {
      bound = Math.max(bound, deequMax);
    }
    BigDecimal max = BigDecimal.valueOf(bound).setScale(4, RoundingMode.CEILING);
    return max.min(BigDecimal.ONE).stripTrailingZeros();
  }

  /**
   * A range's lower bound: 0 when nothing was negative, else the minimum rounded down (outward).
   */
  static BigDecimal lower(String observedMin, boolean integral) {
    BigDecimal min = new BigDecimal(observedMin);
    if (min.signum() >= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = min.round(TWO_DIGITS_DOWN);
    return (integral ? rounded.setScale(0, RoundingMode.FLOOR) : rounded).stripTrailingZeros();
  }

  /** A range's upper bound: the maximum rounded up (outward) to 2 significant digits. */
  static BigDecimal upper(String observedMax, boolean integral) {
    BigDecimal max = new BigDecimal(observedMax);
    if (max.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = max.round(TWO_DIGITS_UP);
    return (integral ? rounded.setScale(0, RoundingMode.CEILING) : rounded).stripTrailingZeros();
  }
}
