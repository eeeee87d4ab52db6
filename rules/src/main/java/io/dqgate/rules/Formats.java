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

  /** A count with thousands separators: {@code 100,000}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A byte size as a person reads it: {@code 64 MB}. */
  public static String bytes(long value) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = value;
    int unit = 0;
    while (Math.abs(v) >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[unit];
  }
}
