package io.dqgate.spark.diagnostics;

import io.dqgate.core.result.StageSummary.Distribution;
import java.util.Arrays;

/**
 * The per-task values of one metric of one stage (shuffle-read bytes, run time), in bounded memory
 * and constant work per task: the first {@value #EXACT} values are kept as they are, and from then
 * on a log-bucket histogram with 8 buckets per power of two (values below 16 exact) is filled
 * instead.
 *
 * <p>Quantiles are nearest-rank. With at most {@value #EXACT} tasks they are exact; beyond, a
 * quantile is its bucket's midpoint, at most 6.25% away from the true task value (min and max are
 * always exact). Memory: 0.5 KB, plus 2 KB once a stage has more than {@value #EXACT} tasks.
 */
final class TaskDistribution {
  static final int EXACT = 64;
  private static final int SUB_BITS = 3;
  private static final int SUB = 1 << SUB_BITS;
  private static final int LINEAR = 16;

  /** Buckets: 16 exact values, then 8 per power of two from 2^4 to 2^62. */
  private static final int BUCKETS = LINEAR + (63 - 4) * SUB;

  private final long[] first = new long[EXACT];
  private int[] histogram;
  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max;

  void add(long value) {
    long v = Math.max(0, value);
    if (count < EXACT) {
      first[(int) count] = v;
    } else {
      if (histogram == null) {
        histogram = new int[BUCKETS];
        for (long kept : first) {
          histogram[bucket(kept)]++;
        }
      }
      histogram[bucket(v)]++;
    }
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  long count() {
    return count;
  }

  long sum() {
    return sum;
  }

  long max() {
    return count == 0 ? 0 : max;
  }

  /** min, p25, median, p75, p95, max; all 0 when no task was seen. */
  Distribution summary() {
    if (count == 0) {
      return new Distribution(0, 0, 0, 0, 0, 0);
    }
    return new Distribution(
        min, quantile(0.25), quantile(0.5), quantile(0.75), quantile(0.95), max);
  }

  /** Nearest-rank quantile: the value at rank ceil(q·n). */
  long quantile(double q) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    if (histogram == null) {
      long[] sorted = Arrays.copyOf(first, (int) count);
      Arrays.sort(sorted);
      return sorted[(int) rank - 1];
    }
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += histogram[b];
      if (seen >= rank) {
        return Math.min(max, Math.max(min, midpoint(b)));
      }
    }
    return max;
  }

  static int bucket(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v); // ≥ 4
    int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return LINEAR + (exponent - 4) * SUB + sub;
  }

  /** The middle of bucket {@code b}'s value range. */
  static long midpoint(int b) {
    if (b < LINEAR) {
      return b;
    }
    int exponent = 4 + (b - LINEAR) / SUB;
    int sub = (b - LINEAR) % SUB;
    long width = 1L << (exponent - SUB_BITS);
    long low = (long) (SUB + sub) * width;
    return low + width / 2;
  }
}
