package io.dqgate.rules;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The words of the rule language, and "did you mean" for the ones people mistype. */
final class Lexicon {
  private Lexicon() {}

  static final Set<String> YAML_WORDS =
      Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

  static final List<String> FILE_KEYS = List.of("version", "severity", "datasets");
  static final List<String> DATASET_KEYS =
      List.of("name", "description", "severity", "match", "checks", "diagnostics");
  static final List<String> COMMON_KEYS = List.of("id", "severity", "description");
  static final List<String> LIMIT_KEYS = List.of("max_count", "max_fraction");
  static final List<String> MATCH_KEYS = List.of("path", "table", "view", "stage");

  /** Keys each check takes besides {@link #COMMON_KEYS}. */
  static final Map<String, List<String>> CHECK_KEYS =
      Map.of(
          "not_null", List.of("column", "columns", "max_count", "max_fraction"),
          "unique", List.of("column", "columns", "max_count", "max_fraction"),
          "duplicates", List.of("column", "columns", "max_count", "max_fraction"),
          "range",
              List.of(
                  "column", "min", "max", "min_inclusive", "max_inclusive", "max_count",
                  "max_fraction"),
          "iqr_outliers", List.of("column", "k", "max_count", "max_fraction"),
          "row_count", List.of("min", "max"),
          "allowed_values", List.of("column", "values", "max_count", "max_fraction"),
          "expression", List.of("sql", "min_fraction"),
          "schema", List.of("columns", "allow_extra"));

  static final Map<String, List<String>> DIAGNOSTIC_KEYS =
      Map.of(
          "partition_skew", List.of("metric", "max_ratio", "min_bytes", "min_millis"),
          "partitions", List.of("min", "max", "max_empty_fraction"),
          "spill", List.of("max_bytes"),
          "small_files", List.of("min_avg_bytes", "min_files"));

  static final Set<String> SIMPLE_TYPES =
      Set.of(
          "any", "string", "boolean", "tinyint", "byte", "smallint", "short", "int", "integer",
          "bigint", "long", "float", "double", "decimal", "date", "timestamp", "timestamp_ntz",
          "binary", "void", "timestamp_ltz");

  /** See {@link Spelling#closest}. */
  static String closest(String word, Collection<String> known) {
    return Spelling.closest(word, known);
  }

  /**
   * The end of an "unknown X" message: {@code : did you mean "x"?} for a likely typo, else
   * {@code : use one of a, b, c}.
   */
  static String suggest(String word, Collection<String> known) {
    String close = closest(word, known);
    return close != null ? ": did you mean \"" + close + "\"?" : ": use one of " + String.join(", ", known);
  }
}
