package io.dqgate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One rule of a rule file: immutable data, evaluated elsewhere. {@link #toString()} prints the rule back
 * in the flow form a data owner writes, e.g. {@code range: {column: amount, min: 0, max: 10000}}: the
 * check's keys and its description, with keys left at their default omitted. The id and severity are not
 * part of the printed form (reports show them beside it); parsing the printed form again gives an equal
 * check.
 *
 * <p>Data checks ({@link #isDiagnostic()} false) are computed from the rows of a dataset; diagnostics
 * are computed from Spark task metrics of the stages that produced it.
 *
 * <p>NaN is missing, exactly like NULL, everywhere: {@code not_null} counts it, value checks
 * ({@code range}, {@code allowed_values}, {@code iqr_outliers}) skip it.
 */
public sealed interface Check {

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
    return false;
  }

  /** The rule as a data owner writes it. */
  static String print(Check check) {
    List<String> all = new ArrayList<>(check.fields());
    if (check.meta().description() != null) {
      all.add("description: " + quote(check.meta().description()));
    }
    return check.keyword() + ": {" + String.join(", ", all) + "}";
  }

  /** A value as YAML reads it back unchanged: plain when safe, else double-quoted. */
  static String quote(Object value) {
    if (value instanceof String s) {
      // Dates stay plain too: YAML (as dqgate reads it) keeps 2024-01-31 as text.
      boolean plain =
          s.matches("[A-Za-z_][A-Za-z0-9_.\\-/]*")
                  && !Lexicon.YAML_WORDS.contains(s.toLowerCase(java.util.Locale.ROOT))
              || s.matches("\\d{4}-\\d{2}-\\d{2}");
      if (plain) {
        return s;
      }
      StringBuilder q = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> q.append("\\\"");
          case '\\' -> q.append("\\\\");
          case '\n' -> q.append("\\n");
          case '\t' -> q.append("\\t");
          case '\r' -> q.append("\\r");
          default -> q.append(c);
        }
      }
      return q.append('"').toString();
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }

  /** A byte size as written in rule files: {@code 64MB} when it is a whole number of a unit. */
  static String size(long bytes) {
    String[] units = {"TB", "GB", "MB", "KB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (4 - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  static String list(List<?> values) {
    return values.stream().map(Check::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code not_null}: at most {@code limit} rows may be missing: NULL, or NaN in float/double columns. */
  record NotNull(RuleMeta meta, String column, Limit limit) implements Check {
    public String keyword() {
      return "not_null";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("column: " + quote(column)));
      limit.appendTo(f);
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code unique} / {@code duplicates}: rows that repeat an earlier row's key (all columns when
   * {@code columns} is empty, which only {@code duplicates} allows). Both tolerate nothing unless a
   * limit is given.
   */
  record Duplicates(RuleMeta meta, String keyword, List<String> columns, Limit limit)
      implements Check {
    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (columns.size() == 1) {
        f.add("column: " + quote(columns.get(0)));
      } else if (!columns.isEmpty()) {
        f.add("columns: " + list(columns));
      }
      limit.appendTo(f);
      return f;
    }

    @Override
    public String column() {
      return columns.size() == 1 ? columns.get(0) : null;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code range}: values outside [min, max]. Bounds are numbers ({@link java.math.BigDecimal}) or
   * date/timestamp strings; either may be absent (null). NULL and NaN are skipped: they are missing.
   */
  record Range(
      RuleMeta meta,
      String column,
      Object min,
      Object max,
      boolean minInclusive,
      boolean maxInclusive,
      Limit limit)
      implements Check {
    public String keyword() {
      return "range";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("column: " + quote(column)));
      if (min != null) {
        f.add("min: " + quote(min));
      }
      if (max != null) {
        f.add("max: " + quote(max));
      }
      if (!minInclusive) {
        f.add("min_inclusive: false");
      }
      if (!maxInclusive) {
        f.add("max_inclusive: false");
      }
      limit.appendTo(f);
      return f;
    }

    /** The interval in mathematical notation, e.g. {@code [0, 10000]}. */
    public String interval() {
      return interval(min, max, minInclusive, maxInclusive);
    }

    static String interval(Object min, Object max, boolean minInclusive, boolean maxInclusive) {
      return (minInclusive && min != null ? "[" : "(")
          + (min == null ? "-∞" : plain(min))
          + ", "
          + (max == null ? "+∞" : plain(max))
          + (maxInclusive && max != null ? "]" : ")");
    }

    private static String plain(Object bound) {
      return bound instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(bound);
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code iqr_outliers}: values outside [Q1 - k·IQR, Q3 + k·IQR]. NULL and NaN are skipped, both in the
   * quartiles and in the count.
   */
  record IqrOutliers(RuleMeta meta, String column, double k, Limit limit) implements Check {
    /** Tukey's fences. */
    public static final double DEFAULT_K = 1.5;

    public String keyword() {
      return "iqr_outliers";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("column: " + quote(column)));
      if (k != DEFAULT_K) {
        f.add("k: " + Formats.number(k));
      }
      limit.appendTo(f);
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /** {@code row_count}: the number of rows is within [min, max]. */
  record RowCount(RuleMeta meta, Long min, Long max) implements Check {
    public String keyword() {
      return "row_count";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (min != null) {
        f.add("min: " + min);
      }
      if (max != null) {
        f.add("max: " + max);
      }
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code allowed_values}: values not in {@code values} (texts, {@link java.math.BigDecimal} numbers,
   * booleans). NULL and NaN are skipped: missing values are not_null's business.
   */
  record AllowedValues(RuleMeta meta, String column, List<Object> values, Limit limit)
      implements Check {
    public String keyword() {
      return "allowed_values";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("column: " + quote(column), "values: " + list(values)));
      limit.appendTo(f);
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code expression}: a Spark SQL boolean expression that at least {@code minFraction} of the rows must
   * satisfy. A row where it is null does not satisfy it.
   */
  record Expression(RuleMeta meta, String sql, double minFraction) implements Check {
    public String keyword() {
      return "expression";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("sql: " + quote(sql)));
      if (minFraction != 1.0) {
        f.add("min_fraction: " + Formats.number(minFraction));
      }
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * {@code schema}: the columns that must exist, with their Spark SQL types ({@code string},
   * {@code double}, {@code decimal(10,2)}, ...; {@code any} for any type). With {@code allowExtra} false,
   * no other column may exist.
   */
  record Schema(RuleMeta meta, Map<String, String> columns, boolean allowExtra) implements Check {
    public String keyword() {
      return "schema";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>();
      f.add(
          "columns: "
              + columns.entrySet().stream()
                  .map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
                  .collect(Collectors.joining(", ", "{", "}")));
      if (!allowExtra) {
        f.add("allow_extra: false");
      }
      return f;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * Diagnostic {@code partition_skew}: max/median of per-task shuffle-read bytes ({@code metric: bytes})
   * or run time ({@code metric: time}); only judged when the largest task read at least
   * {@code minBytes} (bytes) or ran at least {@code minMillis} (time).
   */
  record PartitionSkew(RuleMeta meta, String metric, double maxRatio, long minBytes, long minMillis)
      implements Check {
    public static final String DEFAULT_METRIC = "bytes";
    public static final double DEFAULT_MAX_RATIO = 5.0;
    public static final long DEFAULT_MIN_BYTES = 64L << 20;
    public static final long DEFAULT_MIN_MILLIS = 1000;

    public String keyword() {
      return "partition_skew";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (!metric.equals(DEFAULT_METRIC)) {
        f.add("metric: " + quote(metric));
      }
      if (maxRatio != DEFAULT_MAX_RATIO) {
        f.add("max_ratio: " + Formats.number(maxRatio));
      }
      if (minBytes != DEFAULT_MIN_BYTES) {
        f.add("min_bytes: " + size(minBytes));
      }
      if (minMillis != DEFAULT_MIN_MILLIS) {
        f.add("min_millis: " + minMillis);
      }
      return f;
    }

    @Override
    public boolean isDiagnostic() {
      return true;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /** Diagnostic {@code partitions}: the task count of the stages that produced the dataset. */
  record Partitions(RuleMeta meta, Integer min, Integer max, Double maxEmptyFraction)
      implements Check {
    public String keyword() {
      return "partitions";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (min != null) {
        f.add("min: " + min);
      }
      if (max != null) {
        f.add("max: " + max);
      }
      if (maxEmptyFraction != null) {
        f.add("max_empty_fraction: " + Formats.number(maxEmptyFraction));
      }
      return f;
    }

    @Override
    public boolean isDiagnostic() {
      return true;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /** Diagnostic {@code spill}: bytes spilled to disk by the producing stages. */
  record Spill(RuleMeta meta, long maxBytes) implements Check {
    /** No spill tolerated. */
    public static final long DEFAULT_MAX_BYTES = 0;

    public String keyword() {
      return "spill";
    }

    public List<String> fields() {
      return maxBytes == DEFAULT_MAX_BYTES ? List.of() : List.of("max_bytes: " + size(maxBytes));
    }

    @Override
    public boolean isDiagnostic() {
      return true;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /**
   * Diagnostic {@code small_files}: the average output file size of a write must be at least
   * {@code minAvgBytes}; judged only when the write produced at least {@code minFiles} files.
   */
  record SmallFiles(RuleMeta meta, long minAvgBytes, int minFiles) implements Check {
    public static final long DEFAULT_MIN_AVG_BYTES = 32L << 20;
    public static final int DEFAULT_MIN_FILES = 2;

    public String keyword() {
      return "small_files";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (minAvgBytes != DEFAULT_MIN_AVG_BYTES) {
        f.add("min_avg_bytes: " + size(minAvgBytes));
      }
      if (minFiles != DEFAULT_MIN_FILES) {
        f.add("min_files: " + minFiles);
      }
      return f;
    }

    @Override
    public boolean isDiagnostic() {
      return true;
    }

    @Override
    public String toString() {
      return print(this);
    }
  }
}
