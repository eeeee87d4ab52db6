package io.dqgate.spark.suggest;

import java.util.List;

/**
 * What was observed in one column, in dqgate's terms (NaN counts as missing), with what Deequ
 * suggested.
 *
 * @param name the column name
 * @param type the Spark SQL type as a rule file writes it ({@code string}, {@code double}, ...)
 * @param kind how the suggester treats the column
 * @param nulls SQL NULLs
 * @param nans NaN values (float/double columns only; Deequ counts them as present, dqgate as
 *     missing)
 * @param approxDistinct Deequ's approximate distinct count of non-null values
 * @param duplicateKeys rows minus exact distinct keys (a NULL is one key, as in dqgate's {@code
 *     unique}), or null when not counted (the column is far from unique)
 * @param min the smallest non-missing value as text, or null (none, or not an ordered kind)
 * @param max the largest non-missing value as text, or null
 * @param categories every non-null value, when the column is a low-cardinality string column; else
 *     null
 * @param deequ Deequ's suggestions for the column, each as its constraint code
 */
record ColumnFacts(
    String name,
    String type,
    Kind kind,
    long nulls,
    long nans,
    long approxDistinct,
    Long duplicateKeys,
    String min,
    String max,
    List<String> categories,
    List<String> deequ) {

  enum Kind {
    INTEGRAL,
    FRACTIONAL,
    DATE,
    TIMESTAMP,
    STRING,
    OTHER
  }

  ColumnFacts {
    categories = categories == null ? null : List.copyOf(categories);
    deequ = List.copyOf(deequ);
  }

  long missing() {
    return nulls + nans;
  }

  /** Deequ's first suggestion whose code contains {@code fragment} (e.g. "isComplete"), or null. */
  String deequ(String fragment) {
    return deequ.stream().filter(code -> code.contains(fragment)).findFirst().orElse(null);
  }
}
