package io.dqgate.spark.suggest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading Deequ's suggested constraint code ({@code .hasCompleteness("c", _ >= 0.94, ...)}) for
 * comments.
 */
final class DeequSuggestions {
  private static final Pattern METHOD = Pattern.compile("\\.(\\w+)\\(");
  private static final Pattern AT_LEAST = Pattern.compile("_ >= ([0-9.Ee-]+)");

  private DeequSuggestions() {}

  /**
   * A short phrase: {@code isComplete}, {@code completeness >= 0.94}, {@code isContainedIn (≥ 99%
   * of rows)}.
   */
  static String summary(String code) {
    Matcher m = METHOD.matcher(code);
    String method = m.find() ? m.group(1) : code;
    Double bound = bound(code);
    if (method.equals("hasCompleteness") && bound != null) {
      return "completeness >= " + plain(bound);
    }
    if (bound != null) {
      return method + " for >= " + plain(bound) + " of rows";
    }
    return method;
  }

  /** The number in {@code _ >= X}, or null. */
  static Double bound(String code) {
    Matcher m = AT_LEAST.matcher(code);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }

  private static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
