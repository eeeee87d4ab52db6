package io.dqgate.spark.suggest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.amazon.deequ.metrics.Distribution;
import com.amazon.deequ.metrics.DistributionValue;
import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.suggestions.ConstraintSuggestion;
import com.amazon.deequ.suggestions.ConstraintSuggestionResult;
import com.amazon.deequ.suggestions.ConstraintSuggestionRunner;
import com.amazon.deequ.suggestions.Rules;
import com.amazon.deequ.suggestions.rules.UniqueIfApproximatelyUniqueRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.collection.JavaConverters;

/**
 * Profiles a dataset: Deequ's constraint suggestion run (its column profiles and suggested
 * constraints), plus one aggregate that measures what the gate measures the way the gate does (NaN
 * as missing, min/max without NaN, exact distinct keys with NULL as one key), so that suggested
 * thresholds hold at the gate.
 */
final class Profiler {
  /** Deequ's histogram key for NULL. */
  private static final String DEEQU_NULL = "NullValue";

  /**
   * Columns whose approximate distinct count is at least this fraction of their rows get an exact
   * count.
   */
  private static final double UNIQUE_CANDIDATE = 0.9;

  private Profiler() {}

  static DataProfile profile(Dataset<Row> data, String source) {
    ConstraintSuggestionResult deequ =
        new ConstraintSuggestionRunner()
            .onData(data)
            .addConstraintRules(Rules.DEFAULT())
            .addConstraintRule(new UniqueIfApproximatelyUniqueRule())
            .run();
    Map<String, ColumnProfile> profiles = JavaConverters.mapAsJavaMap(deequ.columnProfiles());
    Map<String, scala.collection.Seq<ConstraintSuggestion>> suggestions =
        JavaConverters.mapAsJavaMap(deequ.constraintSuggestions());
    long rows = deequ.numRecordsUsedForProfiling();

    StructType schema = data.schema();
    List<Column> aggregates = new ArrayList<>();
    Map<String, Integer> at = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      String name = field.name();
      Column c = col(quote(name));
      ColumnFacts.Kind kind = kind(field.dataType());
      boolean floating = floating(field.dataType());
      Column value = floating ? when(not(isnan(c)), c) : c;
      at.put(name, aggregates.size());
      aggregates.add(count(when(c.isNull(), lit(1))));
      aggregates.add(floating ? count(when(isnan(c), lit(1))) : lit(0L));
      boolean ordered = kind != ColumnFacts.Kind.STRING && kind != ColumnFacts.Kind.OTHER;
      aggregates.add(ordered ? min(value) : lit(null));
      aggregates.add(ordered ? max(value) : lit(null));
      ColumnProfile p = profiles.get(name);
      boolean candidate =
          p != null
              && kind != ColumnFacts.Kind.OTHER
              && p.approximateNumDistinctValues() >= UNIQUE_CANDIDATE * rows * p.completeness();
      // Exact distinct keys as dqgate's `unique` counts them: a NULL is one key.
      aggregates.add(candidate ? countDistinct(struct(c)) : lit(null));
    }
    Row row =
        data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
            .collectAsList()
            .get(0);

    List<ColumnFacts> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      String name = field.name();
      int i = at.get(name);
      ColumnProfile p = profiles.get(name);
      ColumnFacts.Kind kind = kind(field.dataType());
      List<String> codes = new ArrayList<>();
      if (suggestions.containsKey(name)) {
        for (ConstraintSuggestion s : JavaConverters.seqAsJavaList(suggestions.get(name))) {
          codes.add(s.codeForConstraint());
        }
      }
      columns.add(
          new ColumnFacts(
              name,
              typeName(field.dataType()),
              kind,
              row.getLong(i),
              ((Number) row.get(i + 1)).longValue(),
              p == null ? 0 : p.approximateNumDistinctValues(),
              row.isNullAt(i + 4) ? null : rows - ((Number) row.get(i + 4)).longValue(),
              text(row.get(i + 2)),
              text(row.get(i + 3)),
              kind == ColumnFacts.Kind.STRING && p != null ? categories(p) : null,
              codes));
    }
    return new DataProfile(source, rows, columns);
  }

  /**
   * Every non-null value of Deequ's exact low-cardinality histogram, most frequent first; null if
   * none.
   */
  private static List<String> categories(ColumnProfile p) {
    if (p.histogram().isEmpty()) {
      return null;
    }
    Distribution histogram = p.histogram().get();
    Map<String, DistributionValue> values = JavaConverters.mapAsJavaMap(histogram.values());
    return values.entrySet().stream()
        .filter(e -> !e.getKey().equals(DEEQU_NULL))
        .sorted(
            Comparator.<Map.Entry<String, DistributionValue>>comparingLong(
                    e -> -e.getValue().absolute())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  static ColumnFacts.Kind kind(DataType type) {
    if (type instanceof IntegralType) {
      return ColumnFacts.Kind.INTEGRAL;
    }
    if (floating(type) || type instanceof DecimalType) {
      return ColumnFacts.Kind.FRACTIONAL;
    }
    if (type instanceof DateType) {
      return ColumnFacts.Kind.DATE;
    }
    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return ColumnFacts.Kind.TIMESTAMP;
    }
    if (type instanceof StringType) {
      return ColumnFacts.Kind.STRING;
    }
    return ColumnFacts.Kind.OTHER;
  }

  private static boolean floating(DataType type) {
    return type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType);
  }

  /** The type as a schema rule writes it; nested structs and maps are {@code any}. */
  private static String typeName(DataType type) {
    if (type instanceof StructType
        || type instanceof MapType
        || (type instanceof ArrayType a && kind(a.elementType()) == ColumnFacts.Kind.OTHER)) {
      return "any";
    }
    return type.simpleString();
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
