package io.dqgate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One rule of a rule file: immutable data, evaluated elsewhere. {@link #toString()} prints the rule back
 * in the flow form a data owner writes, e.g. {@code range: {column: amount, min: 0, max: 10000}}.
 *
 * <p>Data checks ({@link #isDiagnostic()} false) are computed from the rows of a dataset; diagnostics
 * are computed from Spark task metrics of the stages that produced it.
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

  static String quote(Object value) {
    if (value instanceof String s) {
      boolean plain = s.matches("[A-Za-z_][A-Za-z0-9_.\\-/]*") && !Lexicon.YAML_WORDS.contains(s);
      return plain ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return String.valueOf(value);
  }

  static String list(List<?> values) {
    return values.stream().map(Check::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code not_null}: at most {@code limit} rows may have a null (or NaN, when {@code nanIsNull}). */
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
   * {@code columns} is empty). {@code unique} is the same check with nothing tolerated by default.
   */
  record Duplicates(RuleMeta meta, String keyword, List<String> columns, Limit limit)
      implements Check {
    public List<String> fields() {
      List<String> f = new ArrayList<>();
      if (!columns.isEmpty()) {
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
   * {@code range}: non-null values outside [min, max]. Bounds are numbers or date/timestamp strings;
   * either may be absent. NaN is outside every range.
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
      return (minInclusive ? "[" : "(")
          + (min == null ? "-∞" : min)
          + ", "
          + (max == null ? "+∞" : max)
          + (maxInclusive ? "]" : ")");
    }

    @Override
    public String toString() {
      return print(this);
    }
  }

  /** {@code iqr_outliers}: non-null values outside [Q1 - k·IQR, Q3 + k·IQR]. */
  record IqrOutliers(RuleMeta meta, String column, double k, Limit limit) implements Check {
    public String keyword() {
      return "iqr_outliers";
    }

    public List<String> fields() {
      List<String> f = new ArrayList<>(List.of("column: " + quote(column), "k: " + Formats.number(k)));
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

  /** {@code allowed_values}: non-null values not in {@code values}. Nulls are not_null's business. */
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

  /** Diagnostic {@code partition_skew}: max/median of per-task shuffle-read bytes or run time. */
  record PartitionSkew(RuleMeta meta, String metric, double maxRatio, long minBytes, long minMillis)
      implements Check {
    public String keyword() {
      return "partition_skew";
    }

    public List<String> fields() {
      return List.of(
          "metric: " + metric,
          "max_ratio: " + Formats.number(maxRatio),
          "min_bytes: " + minBytes,
          "min_millis: " + minMillis);
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
    public String keyword() {
      return "spill";
    }

    public List<String> fields() {
      return List.of("max_bytes: " + maxBytes);
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

  /** Diagnostic {@code small_files}: average output file size of a write, when it wrote many files. */
  record SmallFiles(RuleMeta meta, long minAvgBytes, int minFiles) implements Check {
    public String keyword() {
      return "small_files";
    }

    public List<String> fields() {
      return List.of("min_avg_bytes: " + minAvgBytes, "min_files: " + minFiles);
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
