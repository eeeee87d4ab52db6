package io.dqgate.reports;

import io.dqgate.rules.Formats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How reports show values to people; deterministic (Locale.ROOT, UTC). Counts and plain numbers are
 * {@link Formats}' (shared with rule printing and verdict messages); what is here is presentation
 * on top: an em dash for a missing value, 4 significant digits, one decimal for percentages of 1%
 * and more, binary units with fixed precision ({@code 1.9 GiB}), spelled-out durations ({@code 3
 * min 02 s}), ratios, SVG coordinates and shortened names.
 */
final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** {@code 1,204,331}; an em dash for null. */
  static String count(Long value) {
    return value == null ? "—" : Formats.count(value);
  }

  static String count(long value) {
    return Formats.count(value);
  }

  /** A measured value: integral values without decimals, others with up to 4 significant digits. */
  static String number(Double value) {
    if (value == null) {
      return "—";
    }
    double v = value;
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Formats.count((long) v);
    }
    double abs = Math.abs(v);
    if (abs >= 1e15 || abs < 1e-4) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return Formats.number(new BigDecimal(v).round(new MathContext(4)).doubleValue());
  }

  /** A ratio as a percentage: {@code 0.032%}, {@code 12.5%}, {@code 100%}. */
  static String percent(double fraction) {
    double p = fraction * 100;
    if (p == 0) {
      return "0%";
    }
    if (p == 100) {
      return "100%";
    }
    if (p < 0.001) {
      return "<0.001%";
    }
    if (p < 1) {
      return Formats.percent(fraction);
    }
    return String.format(Locale.ROOT, "%.1f%%", p);
  }

  /** {@code 1.9 GiB}, {@code 512 B}. */
  static String bytes(long value) {
    return Formats.bytes(value);
  }

  /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 12 s}, {@code 2 h 05 min}. */
  static String millis(long value) {
    return Formats.elapsed(value);
  }

  static String time(Instant value) {
    return value == null ? "—" : TIME.format(value);
  }

  static String duration(Instant start, Instant end) {
    if (start == null || end == null || end.isBefore(start)) {
      return "—";
    }
    return millis(Duration.between(start, end).toMillis());
  }

  /** {@code 158×}, {@code ∞} when the median is 0 and the max is not. */
  static String ratio(double value) {
    if (Double.isInfinite(value)) {
      return "∞";
    }
    if (Double.isNaN(value)) {
      return "—";
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.0f×" : "%.1f×", value);
  }

  /** An SVG coordinate: one decimal, no locale. */
  static String coord(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Keeps the head of a long name: {@code churn_features_with_a_very…}. */
  static String head(String text, int max) {
    return shortened(text, max, true);
  }

  /** Keeps the tail of a long path: {@code …/landing/events/dt=2024-06-10}. */
  static String tail(String text, int max) {
    return shortened(text, max, false);
  }

  /** {@code text} in at most {@code max} code points, "…" standing for the cut end. */
  private static String shortened(String text, int max, boolean keepHead) {
    if (text == null) {
      return "";
    }
    int length = text.codePointCount(0, text.length());
    if (length <= max) {
      return text;
    }
    return keepHead
        ? text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…"
        : "…" + text.substring(text.offsetByCodePoints(0, length - (max - 1)));
  }

  static String orDash(String text) {
    return text == null || text.isEmpty() ? "—" : text;
  }
}
