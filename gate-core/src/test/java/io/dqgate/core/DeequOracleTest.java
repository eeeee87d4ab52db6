package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxQuantile;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Distinctness;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.rules.DatasetRef;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * dqgate's metrics against Deequ's analyzers on the same generated data (nulls, NaN, duplicates,
 * outliers). Where the definitions differ, the test says how and compares what corresponds:
 *
 * <ul>
 *   <li>Missing: Deequ's Completeness counts NaN as present; dqgate counts NULL and NaN as missing.
 *   <li>Duplicates: dqgate's {@code unique} offends with rows − distinct keys, a NULL being one
 *       key; Deequ's Distinctness is distinct non-NULL values / non-NULL rows.
 *   <li>Min/max/quantiles: dqgate skips NaN; Deequ's Maximum on a column with NaN is NaN, so Deequ
 *       is given {@code where: NOT isnan(amount)}.
 * </ul>
 */
class DeequOracleTest {
  private static final long ROWS = 50_000;

  /** Deequ's ApproxQuantile relative error here; dqgate's is 1/{@value MetricColumns.ACCURACY}. */
  private static final double DEEQU_QUANTILE_ERROR = 0.001;

  private static final String NOT_NAN = "NOT isnan(amount)";

  private static SparkSession spark;
  private static Dataset<Row> data;
  private static DatasetResult dq;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    // id: unique. user: ~1,000 values, 3% NULL. amount: log-normal with 2% NULL, 1% NaN, 0.5% huge
    // outliers and 0.5% negatives. dup: every 10th row repeats the key of the row before.
    data =
        spark
            .range(ROWS)
            .selectExpr(
                "id",
                "CASE WHEN rand(1) < 0.03 THEN NULL ELSE concat('u', CAST(floor(rand(2) * 1000) AS STRING)) END AS user",
                "CASE WHEN rand(3) < 0.02 THEN NULL WHEN rand(4) < 0.01 THEN CAST('NaN' AS DOUBLE)"
                    + " WHEN rand(5) < 0.005 THEN 1.0E9 * rand(6) WHEN rand(7) < 0.005 THEN -100 * rand(8)"
                    + " ELSE exp(4 + randn(9)) END AS amount",
                "CASE WHEN id % 10 = 1 THEN id - 1 ELSE id END AS dup")
            .cache();
    data.count();
    dq =
        DqGate.evaluate(
            data,
            DatasetRef.stage("t"),
            Fixtures.rules(
                "t",
                "not_null: {columns: [id, user, amount, dup]}",
                "unique: {column: id}",
                "unique: {column: user}",
                "unique: {column: dup}"));
  }

  private static double deequ(Analyzer<?, ?> analyzer) {
    @SuppressWarnings("unchecked")
    Analyzer<?, Metric<?>> a = (Analyzer<?, Metric<?>>) analyzer;
    AnalyzerContext context = AnalysisRunner.onData(data).addAnalyzer(a).run();
    Object value = context.metric(a).get().value().get();
    return ((Number) value).doubleValue();
  }

  private static ColumnProfile profile(String column) {
    return dq.columns().stream().filter(p -> p.name().equals(column)).findFirst().orElseThrow();
  }

  private static Outcome outcome(String ruleId) {
    return dq.outcomes().stream().filter(o -> o.ruleId().equals(ruleId)).findFirst().orElseThrow();
  }

  private static scala.collection.Seq<String> columns(String... names) {
    return JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }

  @Test
  void completenessMatchesNullCountsAndNaNIsMissingOnlyForDqgate() {
    for (String column : List.of("id", "user", "amount")) {
      double completeness = deequ(new Completeness(column, Option.empty(), Option.empty()));
      assertEquals(Math.round((1 - completeness) * ROWS), profile(column).nullCount(), column);
    }
    ColumnProfile amount = profile("amount");
    assertTrue(amount.nanCount() > 0, "the data has NaN");
    // dqgate's not_null offends with NULL + NaN; Deequ's completeness sees the NaN as present.
    double completeness = deequ(new Completeness("amount", Option.empty(), Option.empty()));
    assertEquals(
        Math.round((1 - completeness) * ROWS) + amount.nanCount(),
        outcome("t.not_null.amount").observed().longValue());
    double completeOrNaN =
        deequ(
            new Completeness(
                "amount", Option.apply("amount IS NULL OR NOT isnan(amount)"), Option.empty()));
    assertTrue(completeOrNaN < 1);
  }

  @Test
  void uniqueMatchesDistinctnessAndUniqueness() {
    // id: no duplicates. Deequ: every value occurs once; dqgate: no offending row.
    assertEquals(1.0, deequ(new Uniqueness(columns("id"), Option.empty(), Option.empty())));
    assertEquals(0L, outcome("t.unique.id").observed().longValue());
    // dup: 10% repeats, no NULL: rows − distinct = rows × (1 − Distinctness).
    double dupDistinctness = deequ(new Distinctness(columns("dup"), Option.empty()));
    assertEquals(
        Math.round(ROWS * (1 - dupDistinctness)), outcome("t.unique.dup").observed().longValue());
    assertEquals(ROWS / 10, outcome("t.unique.dup").observed().longValue());
    // user has NULLs: Deequ's Distinctness is distinct non-NULL values / non-NULL rows; dqgate's
    // keys also
    // count NULL as one key, out of all rows.
    double userDistinctness = deequ(new Distinctness(columns("user"), Option.empty()));
    long distinctNonNull = Math.round(userDistinctness * (ROWS - profile("user").nullCount()));
    assertEquals(1000, distinctNonNull);
    assertEquals(ROWS - (distinctNonNull + 1), outcome("t.unique.user").observed().longValue());
  }

  @Test
  void minAndMaxMatchWithNaNLeftOut() {
    ColumnProfile amount = profile("amount");
    assertEquals(
        deequ(new Minimum("amount", Option.apply(NOT_NAN), Option.empty())),
        Double.parseDouble(amount.min()));
    assertEquals(
        deequ(new Maximum("amount", Option.apply(NOT_NAN), Option.empty())),
        Double.parseDouble(amount.max()));
    // Without the filter Deequ's maximum is NaN (NaN sorts above every number in Spark); dqgate
    // skips NaN.
    assertTrue(Double.isNaN(deequ(new Maximum("amount", Option.empty(), Option.empty()))));
    assertEquals(
        deequ(new Minimum("id", Option.empty(), Option.empty())),
        Double.parseDouble(profile("id").min()));
    assertEquals(
        deequ(new Maximum("id", Option.empty(), Option.empty())),
        Double.parseDouble(profile("id").max()));
  }

  @Test
  void quartilesAgreeWithinBothRankErrors() {
    ColumnProfile amount = profile("amount");
    long n = data.where("amount IS NOT NULL AND " + NOT_NAN).count();
    for (String q : List.of("0.25", "0.5", "0.75")) {
      double ours = amount.quantiles().get(q);
      double theirs =
          deequ(
              new ApproxQuantile(
                  "amount", Double.parseDouble(q), DEEQU_QUANTILE_ERROR, Option.apply(NOT_NAN)));
      // Both are ε-approximate q-quantiles of the same values: their ranks differ by at most ε₁·n +
      // ε₂·n.
      long between =
          data.where(
                  "amount IS NOT NULL AND "
                      + NOT_NAN
                      + " AND amount > "
                      + Math.min(ours, theirs)
                      + " AND amount < "
                      + Math.max(ours, theirs))
              .count();
      double allowed = (DEEQU_QUANTILE_ERROR + 1.0 / MetricColumns.ACCURACY) * n + 1;
      assertTrue(
          between <= allowed,
          "q"
              + q
              + ": dqgate "
              + ours
              + ", Deequ "
              + theirs
              + ", "
              + between
              + " values between them, at most "
              + allowed
              + " allowed");
    }
  }
}
