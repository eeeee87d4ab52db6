package io.dqgate.rules;

import io.dqgate.rules.check.Limit;
import io.dqgate.rules.check.RuleMeta;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to one rule's keys, for the reader of its check kind: a value of the wrong type
 * becomes a problem at the place it is written (FILE:LINE:COL) and the accessor returns null or the
 * default, so one pass reports every problem of a file.
 */
public final class CheckReader {
  private static final Pattern TYPE_NAME = Pattern.compile("([a-z_]+)(\\(.*\\)|<.*>)?");
  private static final Pattern DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");
  private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");

  /** Makes a rule's meta (id, severity, description, location) for the column it is about. */
  interface MetaMaker {
    RuleMeta meta(String column, boolean expanded);
  }

  private final SourceNode.MapNode map;
  private final String keyword;
  private final SourceLocation checkAt;

  /** Keys written misspelled (and reported so): not reported again as missing. */
  private final Set<String> misspelled;

  private final List<RuleProblem> problems;
  private final MetaMaker metas;

  CheckReader(
      SourceNode.MapNode map,
      String keyword,
      SourceLocation checkAt,
      Set<String> misspelled,
      List<RuleProblem> problems,
      MetaMaker metas) {
    this.map = map;
    this.keyword = keyword;
    this.checkAt = checkAt;
    this.misspelled = misspelled;
    this.problems = problems;
    this.metas = metas;
  }

  /** The keyword the rule was written with. */
  public String keyword() {
    return keyword;
  }

  /** The rule's meta, its id derived with {@code column} (null for dataset-level rules). */
  public RuleMeta meta(String column) {
    return metas.meta(column, false);
  }

  /**
   * The meta of one of the rules a per-column rule expands into ({@code expanded}: it lists
   * several).
   */
  public RuleMeta meta(String column, boolean expanded) {
    return metas.meta(column, expanded);
  }

  /** Reports a problem at the value of {@code key}, which must be written. */
  public void problem(String key, String message) {
    report(at(key), message);
  }

  /** How the value of {@code key} reads in a message: "the text \"x\"", "a list". */
  public String kindOf(String key) {
    return node(key).kind();
  }

  /** An optional duration like 36h ({@link Formats#parseDuration}). */
  public Duration duration(String key) {
    SourceNode n = node(key);
    if (n == null) {
      return null;
    }
    if (scalar(n) instanceof String s && Formats.parseDuration(s) != null) {
      return Formats.parseDuration(s);
    }
    report(
        n.at(),
        "\""
            + key
            + "\" must be a duration like 36h, 90m or 2d (units ms, s, m, h, d), not "
            + n.kind());
    return null;
  }

  public boolean has(String key) {
    return map.entries().containsKey(key);
  }

  private SourceNode node(String key) {
    SourceNode.Entry e = map.entries().get(key);
    return e == null ? null : e.value();
  }

  /** Where the value of {@code key} is written. */
  private SourceLocation at(String key) {
    return node(key).at();
  }

  /**
   * A missing required key ({@code what} names it, or the alternatives, in quotes), reported at the
   * check's keyword unless it was written misspelled.
   */
  public void needs(String what, String fix) {
    for (String key : misspelled) {
      if (what.contains("\"" + key + "\"")) {
        return;
      }
    }
    report(checkAt, "\"" + keyword + "\" needs " + what + ": " + fix);
  }

  /** Reports {@code key} missing unless it is given: {@code "kind" needs "key": fix}. */
  public void require(String key, String fix) {
    if (!has(key)) {
      needs("\"" + key + "\"", fix);
    }
  }

  /** Reports a range with neither bound; {@code example} shows one, e.g. {@code min: 0}. */
  public void requireMinOrMax(String example) {
    if (!has("min") && !has("max")) {
      needs("\"min\", \"max\" or both", "add at least one bound, e.g. " + example);
    }
  }

  public String text(String key) {
    return text(map, key, problems);
  }

  /** The required {@code column}. */
  public String column() {
    if (!has("column")) {
      needs("\"column\"", "add the column to check, e.g. column: amount");
      return null;
    }
    return text("column");
  }

  /** {@code column: x} or {@code columns: [x, y]}, exactly one of them. */
  public List<String> columns(boolean required) {
    SourceNode one = node("column");
    SourceNode many = node("columns");
    if (one != null && many != null) {
      report(many.at(), "both \"column\" and \"columns\" are given: keep one of them");
      return List.of();
    }
    if (one != null) {
      String c = text("column");
      return c == null ? List.of() : List.of(c);
    }
    if (many != null) {
      if (!(many instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
        report(
            many.at(),
            "\"columns\" must be a non-empty list of column names, e.g. [order_id, line_no], not "
                + many.kind());
        return List.of();
      }
      Set<String> names = new LinkedHashSet<>();
      for (SourceNode item : list.items()) {
        if (!(scalar(item) instanceof String s) || s.isBlank()) {
          report(item.at(), "\"columns\" must list column names, not " + item.kind());
        } else if (!names.add(s)) {
          report(item.at(), "\"columns\" lists \"" + s + "\" twice: remove the repeat");
        }
      }
      return List.copyOf(names);
    }
    if (required) {
      needs("\"column\" or \"columns\"", "add the column to check, e.g. column: user_id");
    }
    return List.of();
  }

  public Limit limit() {
    return new Limit(count("max_count"), fraction("max_fraction"));
  }

  public Long count(String key) {
    SourceNode n = node(key);
    if (n == null) {
      return null;
    }
    Object v = scalar(n);
    if (v instanceof Long l && l >= 0) {
      return l;
    }
    if (v instanceof BigDecimal d && d.signum() > 0 && d.stripTrailingZeros().scale() <= 0) {
      report(
          n.at(),
          "\"" + key + "\" must be at most " + Long.MAX_VALUE + ", not " + d.toPlainString());
      return null;
    }
    report(n.at(), "\"" + key + "\" must be a whole number ≥ 0, not " + n.kind());
    return null;
  }

  public Integer intCount(String key) {
    Long l = count(key);
    if (l != null && l > Integer.MAX_VALUE) {
      report(at(key), "\"" + key + "\" must be at most " + Integer.MAX_VALUE + ", not " + l);
      return null;
    }
    return l == null ? null : l.intValue();
  }

  public Double fraction(String key) {
    SourceNode n = node(key);
    if (n == null) {
      return null;
    }
    Object v = scalar(n);
    String hint = "";
    if (v instanceof Number num) {
      double d = num.doubleValue();
      if (d >= 0 && d <= 1) {
        return d;
      }
      if (d > 1 && d <= 100) {
        hint = ": for " + Formats.number(d) + "% write " + Formats.number(d / 100);
      }
      report(
          n.at(),
          "\"" + key + "\" must be a fraction between 0 and 1, not " + Formats.number(d) + hint);
      return null;
    }
    if (v instanceof String s) {
      Matcher m = PERCENT.matcher(s);
      if (m.matches()) {
        double d = Double.parseDouble(m.group(1));
        hint = ": for " + Formats.number(d) + "% write " + Formats.number(d / 100);
      }
    }
    report(n.at(), "\"" + key + "\" must be a fraction between 0 and 1, not " + n.kind() + hint);
    return null;
  }

  public double positive(String key, double defaultValue) {
    return scalarAt(
        key,
        defaultValue,
        v ->
            v instanceof Number num && num.doubleValue() > 0 && Double.isFinite(num.doubleValue())
                ? num.doubleValue()
                : null,
        "a number > 0");
  }

  /** A finite number ≥ 0, or null when the key is absent or refused. */
  public Double nonNegative(String key) {
    return scalarAt(
        key,
        null,
        v ->
            v instanceof Number num && num.doubleValue() >= 0 && Double.isFinite(num.doubleValue())
                ? num.doubleValue()
                : null,
        "a number ≥ 0");
  }

  public boolean bool(String key, boolean defaultValue) {
    return scalarAt(key, defaultValue, v -> v instanceof Boolean b ? b : null, "true or false");
  }

  /** Reports a {@code min} greater than {@code max} when both are given. */
  public <T extends Comparable<T>> void minAtMostMax(T min, T max) {
    if (min != null && max != null && min.compareTo(max) > 0) {
      problem("min", "min " + min + " is greater than max " + max + ": swap them");
    }
  }

  /**
   * The scalar at {@code key} as {@code read} takes it: {@code absent} when the key is missing, and
   * when {@code read} refuses it (null) a problem "key must be {@code expected}, not …".
   */
  private <T> T scalarAt(String key, T absent, Function<Object, T> read, String expected) {
    SourceNode n = node(key);
    if (n == null) {
      return absent;
    }
    T value = read.apply(scalar(n));
    if (value != null) {
      return value;
    }
    report(n.at(), "\"" + key + "\" must be " + expected + ", not " + n.kind());
    return absent;
  }

  /** A range bound: a number, or a date/timestamp text compared in the column's type. */
  public Object bound(String key) {
    SourceNode n = node(key);
    if (n == null) {
      return null;
    }
    Object v = scalar(n);
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (v instanceof BigDecimal d) {
      return plain(d);
    }
    if (v instanceof String s && DATE.matcher(s).matches()) {
      try {
        if (s.length() == 10) {
          LocalDate.parse(s);
        } else {
          LocalDateTime.parse(s.replace(' ', 'T'));
        }
        return s;
      } catch (DateTimeParseException e) {
        report(
            n.at(),
            "\""
                + key
                + "\" must be a real date, not \""
                + s
                + "\": check the month, day and time");
        return null;
      }
    }
    boolean infinite = v instanceof Double d && d.isInfinite();
    report(
        n.at(),
        "\""
            + key
            + "\" must be a number or a date like 2024-01-31, not "
            + n.kind()
            + (infinite ? ": leave \"" + key + "\" out for no bound" : ""));
    return null;
  }

  public List<Object> values(String key) {
    SourceNode n = node(key);
    if (n == null) {
      needs("\"" + key + "\"", "add the list of allowed values, e.g. values: [EUR, USD]");
      return List.of();
    }
    if (!(n instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
      report(n.at(), "\"" + key + "\" must be a non-empty list, e.g. [EUR, USD], not " + n.kind());
      return List.of();
    }
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (SourceNode item : list.items()) {
      Object v = scalar(item);
      if (v == null) {
        report(
            item.at(),
            "\""
                + key
                + "\" cannot contain null: missing values are checked by not_null, remove it");
      } else if (v instanceof Double d) {
        report(
            item.at(),
            d.isNaN()
                ? "\""
                    + key
                    + "\" cannot contain NaN: NaN is missing, like null, and checked by not_null; remove it"
                : "\"" + key + "\" cannot contain " + item.kind() + ": list finite numbers");
      } else if (v instanceof SourceNode) {
        report(
            item.at(),
            "\""
                + key
                + "\" must list plain values (texts, numbers, true or false), not "
                + item.kind());
      } else if (item instanceof SourceNode.Scalar s && s.surprising()) {
        report(
            item.at(),
            s.text()
                + " is read by YAML as "
                + (v instanceof Boolean ? "the boolean " : "the number ")
                + v
                + ": write \""
                + s.text()
                + "\" in quotes for the text, or "
                + v
                + " for the "
                + (v instanceof Boolean ? "boolean" : "number"));
      } else {
        Object value =
            v instanceof Long l ? BigDecimal.valueOf(l) : v instanceof BigDecimal d ? plain(d) : v;
        Object key2 = value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
        if (!seen.add(key2)) {
          report(
              item.at(),
              "\""
                  + key
                  + "\" lists "
                  + io.dqgate.rules.check.Check.quote(value)
                  + " twice: remove the repeat");
        } else {
          values.add(value);
        }
      }
    }
    return values;
  }

  public Map<String, String> types(String key) {
    SourceNode n = node(key);
    Map<String, String> types = new LinkedHashMap<>();
    if (n == null) {
      needs(
          "\"" + key + "\"",
          "add the expected columns and their types, e.g. columns: {user_id: string}");
      return types;
    }
    if (!(n instanceof SourceNode.MapNode m) || m.entries().isEmpty()) {
      report(
          n.at(),
          "\""
              + key
              + "\" must map column names to types, e.g. {user_id: string}, not "
              + n.kind());
      return types;
    }
    for (var e : m.entries().entrySet()) {
      SourceNode value = e.getValue().value();
      if (!(scalar(value) instanceof String type) || type.isBlank()) {
        report(
            value.at(),
            "the type of \""
                + e.getKey()
                + "\" must be a Spark SQL type name like string or double, not "
                + value.kind());
        continue;
      }
      String normalized = type.trim().toLowerCase(Locale.ROOT);
      Matcher tm = TYPE_NAME.matcher(normalized);
      String base = tm.matches() ? tm.group(1) : normalized;
      boolean complex = base.equals("array") || base.equals("map") || base.equals("struct");
      if (!Lexicon.SIMPLE_TYPES.contains(base) && !complex) {
        String close = Lexicon.closest(base, Lexicon.SIMPLE_TYPES);
        report(
            value.at(),
            "unknown type \""
                + type
                + "\" for column \""
                + e.getKey()
                + "\""
                + (close != null
                    ? ": did you mean \"" + close + "\"?"
                    : ": use a Spark SQL type (string, int, bigint, double, decimal(10,2), date, timestamp, ...) or any"));
        continue;
      }
      types.put(e.getKey(), normalized);
    }
    return types;
  }

  public Long size(String key) {
    return scalarAt(
        key,
        null,
        v ->
            v instanceof Long l && l >= 0 ? l : v instanceof String s ? Formats.parseSize(s) : null,
        "a size like 64MB or a number of bytes");
  }

  /** An optional non-empty text of {@code map}; null (and a problem) when it is something else. */
  static String text(SourceNode.MapNode map, String key, List<RuleProblem> problems) {
    SourceNode.Entry entry = map.entries().get(key);
    if (entry == null) {
      return null;
    }
    if (scalar(entry.value()) instanceof String s && !s.isBlank()) {
      return s;
    }
    problems.add(
        new RuleProblem(
            entry.value().at(),
            "\"" + key + "\" must be a non-empty text, not " + entry.value().kind()));
    return null;
  }

  /** A scalar's value, or the node itself when it is a mapping or list. */
  static Object scalar(SourceNode node) {
    return node instanceof SourceNode.Scalar s ? s.value() : node;
  }

  /**
   * 1.5E+3 as 1500: a number as written, never with a negative scale, so it prints and compares
   * plainly.
   */
  private static BigDecimal plain(BigDecimal d) {
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  private void report(SourceLocation at, String message) {
    problems.add(new RuleProblem(at, message));
  }
}
