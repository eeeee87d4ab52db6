package io.dqgate.core;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.dqgate.rules.check.CannotPlan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of the data being checked, as planning asks about it: columns by name, whether a
 * rule's value fits a column's type, whether a SQL condition compiles. Failures are {@link
 * CannotPlan} with the reason a person reads.
 */
final class SchemaContext {
  private final StructType schema;

  SchemaContext(StructType schema) {
    this.schema = schema;
  }

  StructType schema() {
    return schema;
  }

  /** The column of the schema a rule names (exact name first, then case-insensitively). */
  ColumnRef ref(String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return new ColumnRef(f);
      }
    }
    for (StructField f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return new ColumnRef(f);
      }
    }
    ColumnRef nested = nested(name);
    if (nested != null) {
      return nested;
    }
    throw new CannotPlan(
        "column \""
            + name
            + "\" does not exist (columns: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  /**
   * Field {@code b} of struct column {@code a}, named {@code a.b} (any depth); null when the first
   * part names no column. Elements of arrays and maps are refused: one row holds many of them.
   */
  private ColumnRef nested(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length < 2) {
      return null;
    }
    StructType struct = schema;
    List<String> path = new java.util.ArrayList<>();
    StructField field = null;
    for (String part : parts) {
      if (field != null) {
        DataType type = field.dataType();
        if (!(type instanceof StructType s)) {
          throw new CannotPlan(
              "column \""
                  + name
                  + "\" reaches into \""
                  + String.join(".", path)
                  + "\", which is "
                  + type.simpleString()
                  + (type instanceof org.apache.spark.sql.types.ArrayType
                          || type instanceof org.apache.spark.sql.types.MapType
                      ? ": checks read columns and fields of structs, not the elements of arrays"
                          + " and maps; check them with an expression rule (e.g. size(x) > 0,"
                          + " x['key'] IS NOT NULL) or on a view that explodes them"
                      : ", not a struct"));
        }
        struct = s;
      }
      field = fieldOf(struct, part);
      if (field == null) {
        if (path.isEmpty()) {
          return null;
        }
        throw new CannotPlan(
            "column \""
                + name
                + "\" does not exist (struct \""
                + String.join(".", path)
                + "\" has fields: "
                + String.join(", ", struct.fieldNames())
                + ")");
      }
      path.add(field.name());
    }
    return new ColumnRef(field, path);
  }

  private static StructField fieldOf(StructType struct, String name) {
    for (StructField f : struct.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    for (StructField f : struct.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  List<ColumnRef> refs() {
    return java.util.Arrays.stream(schema.fields()).map(ColumnRef::new).toList();
  }

  /**
   * True when the column has the Spark SQL type {@code want} ({@code any}, {@code decimal}, or
   * DDL).
   */
  static boolean typeMatches(String want, DataType actual) {
    String w = want.toLowerCase(Locale.ROOT).replace(" ", "");
    if (w.equals("any")) {
      return true;
    }
    if (w.equals("decimal")) {
      return actual instanceof DecimalType;
    }
    try {
      return DataType.fromDDL(w).sameType(actual);
    } catch (RuntimeException e) {
      return w.equals(actual.simpleString().replace(" ", ""));
    }
  }

  /** A rule's value as a literal of the column's type, or CannotPlan saying why it does not fit. */
  Column literal(ColumnRef ref, Object value, String what) {
    DataType type = ref.type();
    if (ref.numeric()) {
      if (value instanceof BigDecimal d) {
        return lit(d); // Spark coerces decimal vs double/int comparisons
      }
      throw new CannotPlan(
          "the "
              + what
              + " "
              + quoteValue(value)
              + " is not a number, but column \""
              + ref.name()
              + "\" is "
              + type.simpleString());
    }
    if (ref.temporal()) {
      if (value instanceof String s) {
        Object parsed = parseTemporal(s, type);
        if (parsed == null) {
          throw new CannotPlan(
              "the "
                  + what
                  + " \""
                  + s
                  + "\" is not a valid "
                  + type.simpleString()
                  + " for column \""
                  + ref.name()
                  + "\"");
        }
        return lit(s).cast(type);
      }
      throw new CannotPlan(
          "the "
              + what
              + " "
              + quoteValue(value)
              + " is a number, but column \""
              + ref.name()
              + "\" is "
              + type.simpleString()
              + ": write dates like 2024-01-31");
    }
    if (type instanceof StringType) {
      if (value instanceof BigDecimal d) {
        return lit(d.toPlainString());
      }
      return lit(String.valueOf(value));
    }
    if (type instanceof BooleanType) {
      if (value instanceof Boolean b) {
        return lit(b);
      }
      throw new CannotPlan(
          "the "
              + what
              + " "
              + quoteValue(value)
              + " is not true/false, but column \""
              + ref.name()
              + "\" is boolean");
    }
    throw new CannotPlan(
        "column \""
            + ref.name()
            + "\" is "
            + type.simpleString()
            + ", which this check does not support");
  }

  private static Object parseTemporal(String text, DataType type) {
    try {
      if (type.equals(DataTypes.DateType)) {
        return java.time.LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      }
      String t = text.replace(' ', 'T');
      return t.length() == 10 ? java.time.LocalDate.parse(t) : java.time.LocalDateTime.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String quoteValue(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  /** Resolves {@code sql} against an empty frame of this schema: no job, only analysis. */
  void condition(String sql) {
    SparkSession spark = SparkSession.active();
    LogicalPlan analyzed;
    try {
      Dataset<Row> empty = spark.createDataFrame(List.of(), schema);
      analyzed = empty.select(expr(sql).as("dq_check")).queryExecution().analyzed();
    } catch (
        Exception e) { // ParseException/AnalysisException are checked exceptions thrown from Scala
      throw new CannotPlan("the SQL expression does not compile: " + firstLine(e.getMessage()));
    }
    org.apache.spark.sql.catalyst.expressions.Expression expression = analyzed.expressions().head();
    DataType type = expression.dataType();
    if (!(type instanceof BooleanType)) {
      throw new CannotPlan(
          "the SQL expression is "
              + type.simpleString()
              + ", not boolean: write a condition like amount >= 0");
    }
    if (!expression.deterministic()) {
      throw new CannotPlan(
          "the SQL expression is not deterministic (rand(), uuid(), ...): a check must give the same answer twice");
    }
    if (!(analyzed instanceof org.apache.spark.sql.catalyst.plans.logical.Project)) {
      throw new CannotPlan("the SQL expression uses an aggregate: checks are evaluated row by row");
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown reason";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
