package io.dqgate.rules.check;

import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One rule of a rule file: immutable data, planned and judged by its own kind. Each kind is one
 * file of this package: the record, its {@link CheckKind} descriptor ({@code KIND}: keyword, keys,
 * how it is read) and how it prints ({@link #fields()}); a {@link DataCheck} also says which
 * metrics it needs and how it judges them, a {@link Diagnostic} how it judges stage statistics.
 *
 * <p>{@link #toString()} prints the rule back in the flow form a data owner writes, e.g. {@code
 * range: {column: amount, min: 0, max: 10000}}: the check's keys and its description, with keys
 * left at their default omitted. The id and severity are not part of the printed form (reports show
 * them beside it); parsing the printed form again gives an equal check.
 *
 * <p>NaN is missing, exactly like NULL, everywhere: {@code not_null} counts it, value checks
 * ({@code range}, {@code allowed_values}, {@code iqr_outliers}) skip it.
 */
public sealed interface Check permits DataCheck, Diagnostic {

  /** Words YAML reads as something other than text, so printing quotes them. */
  Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

  RuleMeta meta();

  /** The check's keyword in rule files: {@code not_null}, {@code range}, ... */
  String keyword();

  /** The check-specific keys as written, e.g. {@code column: amount}. */
  List<String> fields();

  default String id() {
    return meta().id();
  }

  default Severity severity() {
    return meta().severity();
  }

  default SourceLocation location() {
    return meta().location();
  }

  /** The column the rule is about, or null for dataset-level rules. */
  default String column() {
    return null;
  }

  default boolean isDiagnostic() {
    return this instanceof Diagnostic;
  }

  /** The rule as a data owner writes it. */
  static String print(Check check) {
    List<String> all = new ArrayList<>(check.fields());
    if (check.meta().description() != null) {
      all.add("description: " + quote(check.meta().description()));
    }
    return check.keyword() + ": {" + String.join(", ", all) + "}";
  }

  /** The printed fields of a {@code min}/{@code max} pair, each when given. */
  static List<String> minMax(Object min, Object max) {
    List<String> f = new ArrayList<>();
    if (min != null) {
      f.add("min: " + min);
    }
    if (max != null) {
      f.add("max: " + max);
    }
    return f;
  }

  /** Adds {@code key: value} to printed {@code fields} when the value is given. */
  static void optional(List<String> fields, String key, Double value) {
    if (value != null) {
      fields.add(key + ": " + io.dqgate.rules.Formats.number(value));
    }
  }

  /** Adds {@code key: value} to printed {@code fields} unless the value is the key's default. */
  static void unlessDefault(List<String> fields, String key, Object value, Object byDefault) {
    if (!value.equals(byDefault)) {
      fields.add(
          key
              + ": "
              + (value instanceof Double d ? io.dqgate.rules.Formats.number(d) : quote(value)));
    }
  }

  /** A value as YAML reads it back unchanged: plain when safe, else double-quoted. */
  static String quote(Object value) {
    if (value instanceof String s) {
      // Dates stay plain too: YAML (as dqgate reads it) keeps 2024-01-31 as text.
      boolean plain =
          s.matches("[A-Za-z_][A-Za-z0-9_.\\-/]*")
                  && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT))
              || s.matches("\\d{4}-\\d{2}-\\d{2}");
      if (plain) {
        return s;
      }
      return doubleQuoted(s);
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }

  /**
   * {@code text} as a YAML double-quoted scalar; control characters are escaped (YAML allows none
   * raw).
   */
  static String doubleQuoted(String text) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> q.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return q.append('"').toString();
  }

  static String list(List<?> values) {
    return values.stream().map(Check::quote).collect(Collectors.joining(", ", "[", "]"));
  }
}
