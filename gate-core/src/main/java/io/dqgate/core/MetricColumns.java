package io.dqgate.core;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.dqgate.rules.check.MetricKey;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.BloomFilterMightContain;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.aggregate.BloomFilterAggregate;
import org.apache.spark.sql.types.DataTypes;

/**
 * The Spark compiler of metrics: one case per {@link MetricKey}, each an aggregate {@link Column}
 * over the data of {@code schema}, and how its value comes back. Check kinds only name metrics;
 * this is the one place that knows how Spark computes them.
 */
final class MetricColumns {
  /**
   * {@code percentile_approx} accuracy: relative rank error 1/1000, what IQR outlier counts need
   * (DESIGN.md: at 1/100 the count was 4.5 % off). Profiles share the same quartiles. The sketch
   * each task keeps, and the driver merges per observed dataset, grows with the accuracy; 10000
   * bought profile precision no rule reads.
   */
  static final int ACCURACY = 1_000;

  /**
   * Relative standard deviation of the distinct counts a rule reads (HyperLogLog++: 16,384
   * registers, 1,639 aggregation-buffer fields per column).
   */
  static final double RULE_DISTINCT_RSD = 0.01;

  /**
   * Relative standard deviation of the distinct counts of column profiles, which only the reports
   * show (512 registers, 52 buffer fields). Every observed task sets up and ships its buffer: at
   * rsd 0.01 the profile sketches of 13 columns cost 6 s on 50,000 rows in 2 tasks, at 0.05 0.2 s
   * (docs/performance.md).
   */
  static final double PROFILE_DISTINCT_RSD = 0.05;

  private final SchemaContext data;

  MetricColumns(SchemaContext data) {
    this.data = data;
  }

  /**
   * The aggregate of a single-pass metric (deterministic, no DISTINCT: {@code observe} accepts it).
   */
  Column singlePass(MetricKey key) {
    if (key instanceof MetricKey.RowCount) {
      return count(lit(1));
    }
    if (key instanceof MetricKey.NullCount k) {
      return count(when(data.ref(k.column()).raw().isNull(), lit(1)));
    }
    if (key instanceof MetricKey.NanCount k) {
      return count(when(isnan(data.ref(k.column()).raw()), lit(1)));
    }
    if (key instanceof MetricKey.Min k) {
      return min(data.ref(k.column()).value());
    }
    if (key instanceof MetricKey.Max k) {
      return max(data.ref(k.column()).value());
    }
    if (key instanceof MetricKey.Sum k) {
      return sum(data.ref(k.column()).value().cast(DataTypes.DoubleType));
    }
    if (key instanceof MetricKey.Quartiles k) {
      return percentile_approx(
          data.ref(k.column()).value().cast(DataTypes.DoubleType),
          array(lit(0.25), lit(0.5), lit(0.75)),
          lit(ACCURACY));
    }
    if (key instanceof MetricKey.ApproxDistinct k) {
      return approx_count_distinct(data.ref(k.column()).value(), PROFILE_DISTINCT_RSD);
    }
    if (key instanceof MetricKey.OutOfRange k) {
      ColumnRef ref = data.ref(k.column());
      Column v = ref.value();
      Column outside = lit(false);
      if (k.min() != null) {
        Column bound = data.literal(ref, k.min(), "min");
        outside = outside.or(k.minInclusive() ? v.lt(bound) : v.leq(bound));
      }
      if (k.max() != null) {
        Column bound = data.literal(ref, k.max(), "max");
        outside = outside.or(k.maxInclusive() ? v.gt(bound) : v.geq(bound));
      }
      return count(when(v.isNotNull().and(outside), lit(1)));
    }
    if (key instanceof MetricKey.NotAllowed k) {
      ColumnRef ref = data.ref(k.column());
      Object[] literals = k.values().stream().map(v -> data.literal(ref, v, "value")).toArray();
      return count(when(ref.value().isNotNull().and(not(ref.value().isin(literals))), lit(1)));
    }
    if (key instanceof MetricKey.ExpressionTrue k) {
      return count(when(expr(k.sql()), lit(1)));
    }
    if (key instanceof MetricKey.KeyFilter k) {
      // Spark's runtime-filter aggregate: deterministic, so observe/CollectMetrics accept it.
      return new Column(
          new BloomFilterAggregate(
                  keyHash(data.ref(k.column())).expr(),
                  lit(MetricKey.FILTER_EXPECTED_KEYS).expr(),
                  lit(MetricKey.FILTER_BITS).expr())
              .toAggregateExpression());
    }
    if (key instanceof MetricKey.Unmatched k) {
      Column hash = keyHash(data.ref(k.column()));
      if (k.filter().length == 0) {
        return count(hash); // the other dataset has no key: every non-null key is unmatched
      }
      Column contained =
          new Column(
              new BloomFilterMightContain(
                  Literal.create(k.filter(), DataTypes.BinaryType), hash.expr()));
      return count(when(hash.isNotNull().and(not(contained)), lit(1)));
    }
    throw new IllegalStateException("not a single-pass metric: " + key);
  }

  /** The precise distinct count of {@code key}'s column, for rules that read it. */
  Column ruleDistinct(MetricKey.ApproxDistinct key) {
    return approx_count_distinct(data.ref(key.column()).value(), RULE_DISTINCT_RSD);
  }

  /**
   * A key as both sides of a {@code references} rule hash it: the value as text (so 7 and "7"
   * match), null for NULL/NaN.
   */
  private static Column keyHash(ColumnRef ref) {
    Column v = ref.value();
    return when(v.isNotNull(), xxhash64(v.cast(DataTypes.StringType)));
  }

  /**
   * The aggregate of an extra-pass metric given pass one's {@code first} metrics, or null when its
   * value is known without a pass (returned by {@link #knownWithoutPass}).
   */
  Column extraPass(MetricKey key, Metrics first) {
    if (key instanceof MetricKey.IqrOutside iqr) {
      double[] q = (double[]) first.get(new MetricKey.Quartiles(iqr.column()));
      if (q == null) {
        return null;
      }
      double[] fence = MetricKey.fences(q, iqr.k());
      Column v = data.ref(iqr.column()).value().cast(DataTypes.DoubleType);
      return count(when(v.isNotNull().and(v.lt(fence[0]).or(v.gt(fence[1]))), lit(1)));
    }
    if (key instanceof MetricKey.UniqueKeys keys) {
      return countDistinct(xxhash64(keyParts(keys.columns())));
    }
    if (key instanceof MetricKey.DistinctKeys keys) {
      return countDistinct(struct(keyParts(keys.columns())));
    }
    throw new IllegalStateException("not an extra-pass metric: " + key);
  }

  /**
   * The exact distinct count of {@code keys}. {@link #extraPass} counts distinct 64-bit hashes of
   * the keys instead (a long per row to shuffle and group, not the key itself): that count is never
   * above the exact one, so when it equals the row count every key is unique, exactly. Only when it
   * is lower (repeated keys, which fail the rule, or a hash collision: ~n²/2⁶⁵, 3·10⁻⁸ at a million
   * rows) is this exact count run to tell how many rows repeat a key.
   */
  Column exactDistinct(MetricKey.UniqueKeys keys) {
    return countDistinct(struct(keyParts(keys.columns())));
  }

  private Column[] keyParts(List<String> columns) {
    return columns.stream().map(c -> data.ref(c).raw()).toArray(Column[]::new);
  }

  /**
   * The value of an extra-pass metric that needs no pass: no quartiles, so nothing is an outlier.
   */
  static Object knownWithoutPass(MetricKey key) {
    return 0L;
  }

  /**
   * A metric's value as Spark returned it, in the form judging reads (counts long, quartiles
   * double[]).
   */
  static Object read(MetricKey key, Object value) {
    if (value == null) {
      return null;
    }
    if (key instanceof MetricKey.Quartiles) {
      List<?> list =
          value instanceof scala.collection.Seq<?> seq
              ? scala.collection.JavaConverters.seqAsJavaList(seq)
              : value instanceof Object[] arr ? Arrays.asList(arr) : List.of();
      if (list.isEmpty() || list.get(0) == null) {
        return null;
      }
      return list.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }
    if (key instanceof MetricKey.Sum) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Number n
        && !(key instanceof MetricKey.Min || key instanceof MetricKey.Max)) {
      return n.longValue();
    }
    return value;
  }
}
