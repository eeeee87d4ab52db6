package io.dqgate.core;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.dqgate.rules.check.ColumnInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A column of the dataset as the gate reads it. NaN is treated as missing, exactly like NULL,
 * everywhere: {@code not_null} counts it, value checks skip it, min/max/sum/quantiles ignore it.
 * (Spark itself treats NaN as a value greater than every other; data owners almost never mean
 * that.)
 */
record ColumnRef(StructField field, List<String> path) {

  /** A top-level column. */
  ColumnRef(StructField field) {
    this(field, List.of(field.name()));
  }

  ColumnRef {
    path = List.copyOf(path);
  }

  /**
   * The name as rules write it: the column, or {@code a.b} for field {@code b} of struct {@code a}.
   */
  String name() {
    return String.join(".", path);
  }

  DataType type() {
    return field.dataType();
  }

  /** Each part quoted, so names with spaces, dots or backticks reach Spark as written. */
  Column raw() {
    return col(
        path.stream()
            .map(part -> "`" + part.replace("`", "``") + "`")
            .collect(Collectors.joining(".")));
  }

  boolean floating() {
    return type().equals(DataTypes.DoubleType) || type().equals(DataTypes.FloatType);
  }

  boolean numeric() {
    return type() instanceof NumericType;
  }

  boolean decimal() {
    return type() instanceof DecimalType;
  }

  boolean temporal() {
    return type() instanceof DateType
        || type() instanceof TimestampType
        || type() instanceof TimestampNTZType;
  }

  boolean orderable() {
    return numeric()
        || temporal()
        || type().equals(DataTypes.StringType)
        || type().equals(DataTypes.BooleanType);
  }

  /** The value with NaN turned into NULL. */
  Column value() {
    return floating() ? when(isnan(raw()), lit(null).cast(type())).otherwise(raw()) : raw();
  }

  /** NULL, or NaN for float/double columns. */
  Column missing() {
    return floating() ? raw().isNull().or(isnan(raw())) : raw().isNull();
  }

  /** The column as check kinds see it. */
  ColumnInfo info() {
    DataType t = type();
    ColumnInfo.Category category =
        floating()
            ? ColumnInfo.Category.FLOATING
            : numeric()
                ? ColumnInfo.Category.NUMERIC
                : temporal()
                    ? ColumnInfo.Category.TEMPORAL
                    : t instanceof StringType
                        ? ColumnInfo.Category.STRING
                        : t instanceof BooleanType
                            ? ColumnInfo.Category.BOOLEAN
                            : t instanceof ArrayType
                                    || t instanceof MapType
                                    || t instanceof StructType
                                ? ColumnInfo.Category.COMPLEX
                                : ColumnInfo.Category.OTHER;
    return new ColumnInfo(name(), category, t.simpleString());
  }
}
