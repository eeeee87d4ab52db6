package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.RuleSet;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every metric against an independent computation: plain Spark SQL per metric, or a hand count. */
class CheckPlanCorrectnessTest {
  private static SparkSession spark;
  private static Dataset<Row> data;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    // 12 rows: nulls, NaN, negatives, a huge value, decimals, dates, timestamps, duplicates.
    data =
        spark.sql(
            "SELECT * FROM VALUES "
                + "(1, 'u1', 10.0D, CAST(1.50 AS DECIMAL(10,2)), DATE'2024-01-01', TIMESTAMP'2024-01-01 10:00:00', 'food'),"
                + "(2, 'u1', 20.0D, CAST(2.50 AS DECIMAL(10,2)), DATE'2024-01-02', TIMESTAMP'2024-01-02 10:00:00', 'food'),"
                + "(3, 'u2', -5.0D, CAST(99.99 AS DECIMAL(10,2)), DATE'2024-01-03', TIMESTAMP'2024-01-03 10:00:00', 'travel'),"
                + "(4, 'u2', CAST('NaN' AS DOUBLE), CAST(100.00 AS DECIMAL(10,2)), DATE'2024-02-01', TIMESTAMP'2024-02-01 00:00:00', 'travel'),"
                + "(5, NULL, NULL, NULL, NULL, NULL, NULL),"
                + "(6, 'u3', 100.0D, CAST(100.01 AS DECIMAL(10,2)), DATE'2023-12-31', TIMESTAMP'2023-12-31 23:59:59', 'toys'),"
                + "(7, 'u3', 1.0E7D, CAST(0.00 AS DECIMAL(10,2)), DATE'2024-01-15', TIMESTAMP'2024-01-15 12:00:00', 'FOOD'),"
                + "(8, 'u4', 50.0D, CAST(50.00 AS DECIMAL(10,2)), DATE'2024-01-20', TIMESTAMP'2024-01-20 12:00:00', 'food'),"
                + "(9, 'u4', 50.0D, CAST(50.00 AS DECIMAL(10,2)), DATE'2024-01-20', TIMESTAMP'2024-01-20 12:00:00', 'food'),"
                + "(9, 'u4', 50.0D, CAST(50.00 AS DECIMAL(10,2)), DATE'2024-01-20', TIMESTAMP'2024-01-20 12:00:00', 'food'),"
                + "(10, NULL, 0.0D, CAST(-0.01 AS DECIMAL(10,2)), DATE'2024-01-05', TIMESTAMP'2024-01-05 00:00:00', 'travel'),"
                + "(11, 'u5', 30.0D, CAST(30.00 AS DECIMAL(10,2)), DATE'2024-01-06', TIMESTAMP'2024-01-06 00:00:00', NULL)"
                + " AS t(id, user, amount, price, day, ts, category)");
    data.createOrReplaceTempView("fixture");
  }

  private static long sql(String query) {
    return ((Number) spark.sql(query).collectAsList().get(0).get(0)).longValue();
  }

  private static DatasetResult check(String... checks) {
    RuleSet rules = Fixtures.rules("t", checks);
    return DqGate.evaluate(data, DatasetRef.stage("t"), rules);
  }

  private static Outcome only(String check) {
    List<Outcome> outcomes = check(check).outcomes();
    assertEquals(1, outcomes.size());
    return outcomes.get(0);
  }

  @Test
  void rowCount() {
    Outcome o = only("row_count: {min: 10, max: 12}");
    assertEquals(sql("SELECT count(*) FROM fixture"), o.observed().longValue());
    assertEquals(Status.PASS, o.status());
    assertEquals(Status.FAIL, only("row_count: {min: 13}").status());
  }

  @Test
  void notNullCountsNullsOnStringColumns() {
    Outcome o = only("not_null: {column: user}");
    assertEquals(sql("SELECT count(*) FROM fixture WHERE user IS NULL"), o.observed().longValue());
    assertEquals(2, o.observed().longValue());
  }

  @Test
  void notNullTreatsNaNAsMissing() {
    Outcome o = only("not_null: {column: amount, max_count: 5}");
    assertEquals(
        sql("SELECT count(*) FROM fixture WHERE amount IS NULL OR isnan(amount)"),
        o.observed().longValue());
    assertEquals(2, o.observed().longValue());
    assertTrue(o.explanation().contains("are null or NaN"), o.explanation());
  }

  @Test
  void rangeOnDoublesSkipsNullAndNaN() {
    Outcome o = only("range: {column: amount, min: 0, max: 100}");
    assertEquals(
        sql(
            "SELECT count(*) FROM fixture WHERE amount IS NOT NULL AND NOT isnan(amount) AND (amount < 0 OR amount > 100)"),
        o.observed().longValue());
    assertEquals(2, o.observed().longValue());
  }

  @Test
  void rangeExclusiveBounds() {
    Outcome o =
        only(
            "range: {column: amount, min: 0, max: 100, min_inclusive: false, max_inclusive: false}");
    assertEquals(
        sql(
            "SELECT count(*) FROM fixture WHERE amount IS NOT NULL AND NOT isnan(amount) AND (amount <= 0 OR amount >= 100)"),
        o.observed().longValue());
    assertEquals(4, o.observed().longValue());
  }

  @Test
  void rangeOnDecimals() {
    Outcome o = only("range: {column: price, min: 0.00, max: 100.00}");
    assertEquals(
        sql("SELECT count(*) FROM fixture WHERE price < 0 OR price > 100.00"),
        o.observed().longValue());
    assertEquals(2, o.observed().longValue()); // 100.01 and -0.01
  }

  @Test
  void rangeOnDatesAndTimestamps() {
    Outcome dates = only("range: {column: day, min: \"2024-01-01\", max: \"2024-01-31\"}");
    assertEquals(
        sql("SELECT count(*) FROM fixture WHERE day < DATE'2024-01-01' OR day > DATE'2024-01-31'"),
        dates.observed().longValue());
    assertEquals(2, dates.observed().longValue());
    Outcome ts = only("range: {column: ts, max: \"2024-01-20 11:59:59\"}");
    assertEquals(
        sql("SELECT count(*) FROM fixture WHERE ts > TIMESTAMP'2024-01-20 11:59:59'"),
        ts.observed().longValue());
  }

  @Test
  void allowedValuesAreCaseSensitiveAndSkipNulls() {
    Outcome o = only("allowed_values: {column: category, values: [food, travel]}");
    assertEquals(
        sql(
            "SELECT count(*) FROM fixture WHERE category IS NOT NULL AND category NOT IN ('food', 'travel')"),
        o.observed().longValue());
    assertEquals(2, o.observed().longValue()); // toys, FOOD
  }

  @Test
  void allowedValuesOnNumbers() {
    Outcome o = only("allowed_values: {column: id, values: [1, 2, 3]}");
    assertEquals(
        sql("SELECT count(*) FROM fixture WHERE id NOT IN (1, 2, 3)"), o.observed().longValue());
  }

  @Test
  void expressionPassFractionCountsNullAsNotHolding() {
    Outcome o = only("expression: {sql: \"amount > 0\", min_fraction: 0.5}");
    long holds = sql("SELECT count(*) FROM fixture WHERE amount > 0");
    assertEquals((double) holds / 12, o.observed(), 1e-12);
    assertEquals(Status.PASS, o.status());
    // NaN > 0 is true in Spark: the expression is the owner's own SQL, so Spark's semantics apply.
    assertEquals(9, holds);
  }

  @Test
  void duplicatesOnKeyColumnsTreatNullAsAKey() {
    Outcome o = only("duplicates: {columns: [user], max_count: 100}");
    assertEquals(
        sql("SELECT sum(c - 1) FROM (SELECT user, count(*) c FROM fixture GROUP BY user)"),
        o.observed().longValue());
    assertEquals(6, o.observed().longValue()); // 12 rows, 6 distinct keys (u1..u5 and NULL)
  }

  @Test
  void wholeRowDuplicates() {
    Outcome o = only("duplicates: {max_count: 100}");
    assertEquals(
        sql(
            "SELECT sum(c - 1) FROM (SELECT id, user, amount, price, day, ts, category, count(*) c FROM fixture"
                + " GROUP BY id, user, amount, price, day, ts, category)"),
        o.observed().longValue());
    assertEquals(1, o.observed().longValue());
    assertTrue(o.extraPass());
  }

  @Test
  void uniqueOnMultipleColumns() {
    Outcome o = only("unique: {columns: [id, user]}");
    assertEquals(1, o.observed().longValue());
    assertEquals(Status.FAIL, o.status());
  }

  @Test
  void iqrOutliersHandComputed() {
    // 1..100 plus -1000 and 1000: Q1 ≈ 25, Q3 ≈ 75, fences ≈ [-50, 150] → exactly 2 outliers.
    Dataset<Row> values =
        spark.sql(
            "SELECT CAST(id AS DOUBLE) AS v FROM range(1, 101) UNION ALL SELECT -1000D UNION ALL SELECT 1000D"
                + " UNION ALL SELECT CAST(NULL AS DOUBLE) UNION ALL SELECT CAST('NaN' AS DOUBLE)");
    DatasetResult r =
        DqGate.evaluate(
            values,
            DatasetRef.stage("t"),
            Fixtures.rules("t", "iqr_outliers: {column: v, k: 1.5}"));
    Outcome o = r.outcomes().get(0);
    assertEquals(2, o.observed().longValue(), o.explanation());
    assertEquals(104, o.total());
    ColumnProfile p = r.columns().get(0);
    assertEquals(26.0, p.quantiles().get("0.25"), 1.0);
    assertEquals(75.0, p.quantiles().get("0.75"), 1.0);
    assertEquals(1L, p.nanCount());
    assertEquals(1L, p.nullCount());
  }

  @Test
  void profilesMatchSql() {
    DatasetResult r = check("range: {column: amount, min: 0}");
    ColumnProfile p = r.columns().get(0);
    assertEquals("amount", p.name());
    assertEquals("double", p.type());
    assertEquals(sql("SELECT count(*) FROM fixture WHERE amount IS NULL"), p.nullCount());
    assertEquals(1L, p.nanCount());
    assertEquals("-5", p.min());
    assertEquals("10000000", p.max());
    Row sums =
        spark.sql("SELECT sum(amount) FROM fixture WHERE NOT isnan(amount)").collectAsList().get(0);
    assertEquals(sums.getDouble(0), p.sum(), 1e-6);
    assertEquals(
        sql("SELECT count(DISTINCT amount) FROM fixture WHERE NOT isnan(amount)"),
        p.distinctCount());
  }

  @Test
  void schemaMatchesTypes() {
    Outcome ok =
        only(
            "schema: {columns: {id: int, user: string, amount: double, price: decimal, day: date, ts: timestamp}}");
    assertEquals(Status.PASS, ok.status(), ok.explanation());
    Outcome bad = only("schema: {columns: {id: bigint, label: int}}");
    assertEquals(Status.FAIL, bad.status());
    assertTrue(
        bad.explanation()
            .startsWith("schema: column id is int, expected bigint; column label is missing"),
        bad.explanation());
    Outcome strict = only("schema: {columns: {id: int}, allow_extra: false}");
    assertTrue(strict.explanation().contains("column user is not expected"), strict.explanation());
  }

  @Test
  void emptyDatasetPassesCountRulesAndFailsRowCount() {
    Dataset<Row> empty = data.limit(0);
    DatasetResult r =
        DqGate.evaluate(
            empty,
            DatasetRef.stage("t"),
            Fixtures.rules(
                "t",
                "row_count: {min: 1}",
                "not_null: {column: user}",
                "range: {column: amount, min: 0}",
                "iqr_outliers: {column: amount}",
                "duplicates: {columns: [id]}",
                "expression: {sql: \"amount > 0\"}"));
    assertEquals(0L, r.rowCount());
    assertEquals(Status.FAIL, r.outcomes().get(0).status());
    assertEquals(
        "0 rows; expected at least 1 — rules/test.yaml:5", r.outcomes().get(0).explanation());
    for (Outcome o : r.outcomes().subList(1, r.outcomes().size())) {
      assertEquals(Status.PASS, o.status(), o.explanation());
    }
    assertEquals(
        "user: 0 of 0 rows are null; none allowed — rules/test.yaml:6",
        r.outcomes().get(1).explanation());
    assertNull(
        r.columns().stream()
            .filter(c -> c.name().equals("amount"))
            .findFirst()
            .orElseThrow()
            .min());
  }

  @Test
  void allNullColumn() {
    Dataset<Row> nulls = spark.sql("SELECT id, CAST(NULL AS DOUBLE) AS v FROM range(5)");
    DatasetResult r =
        DqGate.evaluate(
            nulls,
            DatasetRef.stage("t"),
            Fixtures.rules(
                "t",
                "not_null: {column: v}",
                "range: {column: v, min: 0}",
                "iqr_outliers: {column: v}"));
    assertEquals(Status.FAIL, r.outcomes().get(0).status());
    assertEquals(5.0, r.outcomes().get(0).observed());
    assertEquals(Status.PASS, r.outcomes().get(1).status());
    assertEquals(Status.PASS, r.outcomes().get(2).status());
    assertTrue(
        r.outcomes().get(2).explanation().startsWith("v: no non-missing values"),
        r.outcomes().get(2).explanation());
  }
}
