package io.dqgate.rules;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting shared by rule printing and verdict messages. */
public final class Formats {
  private Formats() {}

  /** A number without noise: {@code 3}, {@code 0.001}, {@code 12.5}. */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A fraction as a percentage with enough digits to be honest: {@code 0.31%}, {@code 0.0012%}. */
  public static String percent(double fraction) {
    double pct = fraction * 100.0;
    if (pct == 0.0) {
      return "0%";
    }
    String text =
        Math.abs(pct) >= 1
            ? String.format(Locale.ROOT, "%.2f", pct)
            : new BigDecimal(pct).round(new java.math.MathContext(2)).toPlainString();
    if (text.contains(".")) {
      text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return text + "%";
  }

  /** A row count with its noun: {@code 1 row}, {@code 48,211 rows}. */
  public static String rows(long n) {
    return count(n) + (n == 1 ? " row" : " rows");
  }

  /** A count with thousands separators: {@code 100,000}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /**
   * A byte size as a person reads it, in powers of 1024 as Spark's UI shows them: {@code 512 B},
   * {@code 64 MiB}, {@code 1.9 GiB}, {@code 158 MiB}. The one size formatter of rules, verdicts and
   * reports; {@link #parseSize} reads it back.
   */
  public static String bytes(long value) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = value;
    int unit = 0;
    while (Math.abs(v) >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    String digits =
        v == Math.rint(v) || Math.abs(v) >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v);
    return digits + " " + units[unit];
  }

  /**
   * Elapsed time as a person reads it: {@code 850 ms}, {@code 4.2 s}, {@code 40 s}, {@code 3 min 12
   * s}, {@code 2 h 05 min} (rule files and config write durations as {@link #duration} does).
   */
  public static String elapsed(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return number(Math.round(millis / 100.0) / 10.0) + " s";
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }

  private static final java.util.regex.Pattern SIZE =
      java.util.regex.Pattern.compile(
          "(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\\s*");
  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,9})\\s*(ms|s|m|min|h|d)\\s*");

  /**
   * A byte size as people write it: {@code 1048576}, {@code 64MB}, {@code 1.5 GiB}, {@code 256k}
   * (units are powers of 1024), or null when {@code text} is not one.
   */
  public static Long parseSize(String text) {
    java.util.regex.Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          default -> 0;
        };
    BigDecimal bytes = number.multiply(BigDecimal.valueOf(1L << shift));
    return bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? bytes.longValue() : null;
  }

  /**
   * A duration as people write it: a whole number with {@code ms}, {@code s}, {@code m} / {@code
   * min}, {@code h} or {@code d} ({@code 10s}, {@code 36h}, {@code 2d}), or null when {@code text}
   * is not one.
   */
  public static java.time.Duration parseDuration(String text) {
    java.util.regex.Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> java.time.Duration.ofMillis(n);
      case "s" -> java.time.Duration.ofSeconds(n);
      case "m", "min" -> java.time.Duration.ofMinutes(n);
      case "h" -> java.time.Duration.ofHours(n);
      default -> java.time.Duration.ofDays(n);
    };
  }

  /**
   * A byte size as written in rule files and config: {@code 64MB} when it is a whole number of a
   * unit, else the bytes ({@link #parseSize} reads both).
   */
  public static String size(long bytes) {
    String[] units = {"TB", "GB", "MB", "KB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (4 - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /** A duration as written in rule files and config: {@code 36h}, {@code 10s}, {@code 250ms}. */
  public static String duration(java.time.Duration d) {
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms != 0 && ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }
}
