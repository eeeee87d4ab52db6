package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The data-side bad-input corpus (issue 14): rules that do not fit the data, and data that is
 * empty, tiny, missing, infinite, huge, precise, nested or hostile. Every case asserts the outcome
 * and the sentence a person reads; none may throw past the gate, pass silently or hang (each test
 * is bounded). The rule-file corpus is {@code BadInputCorpusTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataBadInputTest {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
  }

  private static List<Outcome> outcomes(Dataset<Row> data, String... checks) {
    return result(data, checks).outcomes();
  }

  private static DatasetResult result(Dataset<Row> data, String... checks) {
    return DqGate.evaluate(data, DatasetRef.stage("t"), Fixtures.rules("t", checks));
  }

  private static void assertOutcome(Status status, String explanation, Outcome outcome) {
    assertEquals(explanation, outcome.explanation());
    assertEquals(status, outcome.status(), outcome.explanation());
  }

  // ---- rules that do not fit the data: ERROR with the reason, the other rules still run ----

  @Test
  void ruleOnAMissingColumnIsAnErrorAndTheOthersRun() {
    Dataset<Row> data = spark.sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(10)");
    List<Outcome> o =
        outcomes(
            data,
            "range: {column: amont, min: 0}",
            "unique: {columns: [id, nope]}",
            "range: {column: amount, min: 0, max: 5}");
    assertOutcome(
        Status.ERROR,
        "amont: cannot check range because column \"amont\" does not exist (columns: id, amount)"
            + " — rules/test.yaml:5",
        o.get(0));
    assertEquals(Status.ERROR, o.get(1).status());
    assertTrue(
        o.get(1).explanation().contains("column \"nope\" does not exist"), o.get(1).explanation());
    assertOutcome(
        Status.FAIL,
        "amount: 4 of 10 rows (40%) are outside [0, 5]; none allowed — rules/test.yaml:7",
        o.get(2));
  }

  @Test
  void rangeOnAStringAndIqrOnADateAreErrors() {
    Dataset<Row> data =
        spark.sql(
            "SELECT concat('x', id) AS code, date_add(DATE'2024-01-01', CAST(id AS INT)) AS day FROM range(5)");
    List<Outcome> o =
        outcomes(
            data,
            "range: {column: code, min: 0, max: 10}",
            "iqr_outliers: {column: day}",
            "range: {column: day, min: 5}",
            "not_null: {column: code}");
    // Text compares character by character: a numeric range on it would judge the wrong rows.
    assertOutcome(
        Status.ERROR,
        "code: cannot check range because column \"code\" is string, and the min 0 is a number: text"
            + " is compared character by character (\"5\" > \"10\"); write the column as a number"
            + " (cast it in the job, or give the reader a schema) — rules/test.yaml:5",
        o.get(0));
    assertOutcome(
        Status.ERROR,
        "day: cannot check iqr_outliers because column \"day\" is date, and IQR outliers need a"
            + " numeric column — rules/test.yaml:6",
        o.get(1));
    assertOutcome(
        Status.ERROR,
        "day: cannot check range because the min 5 is a number, but column \"day\" is date: write"
            + " dates like 2024-01-31 — rules/test.yaml:7",
        o.get(2));
    assertOutcome(
        Status.PASS, "code: 0 of 5 rows are null; none allowed — rules/test.yaml:8", o.get(3));
  }

  @Test
  void sqlThatDoesNotParseOrIsNotBooleanIsAnError() {
    Dataset<Row> data = spark.sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(4)");
    List<Outcome> o =
        outcomes(
            data,
            "expression: {sql: \"amount >= (\"}",
            "expression: {sql: \"amount * 2\"}",
            "expression: {sql: \"missing_col > 0\"}",
            "expression: {sql: \"count(*) > 0\"}",
            "expression: {sql: \"rand() > 0.5\"}",
            "expression: {sql: \"amount >= 0\"}");
    for (int i = 0; i < 5; i++) {
      assertEquals(Status.ERROR, o.get(i).status(), o.get(i).explanation());
      assertTrue(
          o.get(i).explanation().contains("cannot check expression because"),
          o.get(i).explanation());
      assertTrue(
          o.get(i).explanation().endsWith("rules/test.yaml:" + (5 + i)), o.get(i).explanation());
    }
    assertTrue(o.get(0).explanation().contains("does not compile"), o.get(0).explanation());
    assertTrue(o.get(1).explanation().contains("is double, not boolean"), o.get(1).explanation());
    assertTrue(o.get(2).explanation().contains("does not compile"), o.get(2).explanation());
    assertTrue(o.get(3).explanation().contains("aggregate"), o.get(3).explanation());
    assertTrue(o.get(4).explanation().contains("not deterministic"), o.get(4).explanation());
    assertOutcome(
        Status.PASS,
        "`amount >= 0` holds for 4 of 4 rows (100%); required ≥ 100% — rules/test.yaml:10",
        o.get(5));
  }

  // ---- data shapes ----

  @Test
  void emptyDataset() {
    Dataset<Row> data = spark.sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(0)");
    DatasetResult r =
        result(
            data,
            "row_count: {min: 1}",
            "not_null: {column: amount}",
            "range: {column: amount, min: 0, max: 1}",
            "iqr_outliers: {column: amount}",
            "unique: {column: id}",
            "expression: {sql: \"amount > 0\"}");
    assertEquals(0L, r.rowCount());
    List<Outcome> o = r.outcomes();
    assertOutcome(Status.FAIL, "0 rows; expected at least 1 — rules/test.yaml:5", o.get(0));
    for (Outcome pass : o.subList(1, o.size())) {
      assertEquals(Status.PASS, pass.status(), pass.explanation());
    }
  }

  @Test
  void oneRow() {
    Dataset<Row> data = spark.sql("SELECT 7L AS id, 3.5D AS amount");
    List<Outcome> o =
        outcomes(
            data,
            "iqr_outliers: {column: amount}",
            "unique: {column: id}",
            "range: {column: amount, min: 4}");
    assertOutcome(
        Status.PASS,
        "amount: 0 of 1 row is outside the IQR fences [3.5, 3.5] (Q1 3.5, Q3 3.5, k 1.5); none"
            + " allowed — rules/test.yaml:5",
        o.get(0));
    assertEquals(Status.PASS, o.get(1).status(), o.get(1).explanation());
    assertOutcome(
        Status.FAIL,
        "amount: 1 of 1 row (100%) is outside [4, +∞); none allowed — rules/test.yaml:7",
        o.get(2));
  }

  @Test
  void allNullColumns() {
    Dataset<Row> data =
        spark.sql(
            "SELECT id, CAST(NULL AS DOUBLE) AS amount, CAST(NULL AS STRING) AS code,"
                + " CAST(NULL AS TIMESTAMP) AS ts FROM range(3)");
    List<Outcome> o =
        outcomes(
            data,
            "not_null: {columns: [amount, code]}",
            "range: {column: amount, min: 0}",
            "iqr_outliers: {column: amount}",
            "allowed_values: {column: code, values: [a]}",
            "unique: {column: code}",
            "freshness: {column: ts, max_age: 1d}");
    assertOutcome(
        Status.FAIL,
        "amount: 3 of 3 rows (100%) are null or NaN; none allowed — rules/test.yaml:5",
        o.get(0));
    assertOutcome(
        Status.FAIL,
        "code: 3 of 3 rows (100%) are null; none allowed — rules/test.yaml:5",
        o.get(1));
    // Missing values are not_null's business: the value checks skip them.
    assertOutcome(
        Status.PASS,
        "amount: 0 of 3 rows are outside [0, +∞); none allowed — rules/test.yaml:6",
        o.get(2));
    assertOutcome(
        Status.PASS, "amount: no non-missing values, so no outliers — rules/test.yaml:7", o.get(3));
    assertOutcome(
        Status.PASS,
        "code: 0 of 3 rows hold a value outside the allowed value a; none allowed — rules/test.yaml:8",
        o.get(4));
    // NULL keys are one key: three NULLs are two repeats (as Spark's distinct counts them).
    assertOutcome(
        Status.FAIL,
        "code: 2 of 3 rows (66.67%) repeat a key of an earlier row; none allowed — rules/test.yaml:9",
        o.get(5));
    assertOutcome(
        Status.FAIL,
        "ts: no non-null value, so the newest is unknown; expected one at most 1d old — rules/test.yaml:10",
        o.get(6));
  }

  @Test
  void nanAndInfinity() {
    Dataset<Row> data =
        spark.sql(
            "SELECT * FROM VALUES (1, 1.0D), (2, CAST('NaN' AS DOUBLE)), (3, CAST('Infinity' AS DOUBLE)),"
                + " (4, CAST('-Infinity' AS DOUBLE)), (5, 2.0D), (6, 3.0D), (7, 4.0D), (8, 5.0D)"
                + " AS t(id, amount)");
    List<Outcome> o =
        outcomes(
            data,
            "not_null: {column: amount}",
            "range: {column: amount, min: 0, max: 100}",
            "iqr_outliers: {column: amount}",
            "allowed_values: {column: amount, values: [1, 2, 3, 4, 5]}",
            "expression: {sql: \"amount < 100\"}");
    // NaN is missing (counted by not_null only); ±Infinity are values, outside any finite range.
    assertOutcome(
        Status.FAIL,
        "amount: 1 of 8 rows (12.5%) are null or NaN; none allowed — rules/test.yaml:5",
        o.get(0));
    assertOutcome(
        Status.FAIL,
        "amount: 2 of 8 rows (25%) are outside [0, 100]; none allowed — rules/test.yaml:6",
        o.get(1));
    assertOutcome(
        Status.FAIL,
        "amount: 2 of 8 rows (25%) are outside the IQR fences [-5, 11] (Q1 1, Q3 5, k 1.5); none"
            + " allowed — rules/test.yaml:7",
        o.get(2));
    assertOutcome(
        Status.FAIL,
        "amount: 2 of 8 rows (25%) hold a value outside the 5 allowed values; none allowed —"
            + " rules/test.yaml:8",
        o.get(3));
    // SQL sees values as Spark does: NaN is larger than every number, so `< 100` is false for it.
    assertOutcome(
        Status.FAIL,
        "`amount < 100` holds for 6 of 8 rows (75%); required ≥ 100% — rules/test.yaml:9",
        o.get(4));
  }

  @Test
  void infiniteQuartilesPrintAsInfinity() {
    Dataset<Row> data =
        spark.sql(
            "SELECT IF(id < 3, CAST('-Infinity' AS DOUBLE), CAST('Infinity' AS DOUBLE)) AS amount"
                + " FROM range(6)");
    Outcome o = outcomes(data, "iqr_outliers: {column: amount}").get(0);
    assertTrue(o.explanation().contains("Q1 -Infinity, Q3 Infinity"), o.explanation());
  }

  @Test
  void veryLongStrings() {
    // 1 MB values: the message names counts, never the values themselves.
    Dataset<Row> data =
        spark.sql("SELECT id, repeat(concat('x', id % 2), 500000) AS text FROM range(6)");
    List<Outcome> o =
        outcomes(
            data,
            "not_null: {column: text}",
            "unique: {column: text}",
            "allowed_values: {column: text, values: [a, b]}",
            "expression: {sql: \"length(text) = 1000000\"}");
    assertOutcome(
        Status.PASS, "text: 0 of 6 rows are null; none allowed — rules/test.yaml:5", o.get(0));
    assertOutcome(
        Status.FAIL,
        "text: 4 of 6 rows (66.67%) repeat a key of an earlier row; none allowed — rules/test.yaml:6",
        o.get(1));
    assertOutcome(
        Status.FAIL,
        "text: 6 of 6 rows (100%) hold a value outside the 2 allowed values; none allowed —"
            + " rules/test.yaml:7",
        o.get(2));
    assertOutcome(
        Status.PASS,
        "`length(text) = 1000000` holds for 6 of 6 rows (100%); required ≥ 100% — rules/test.yaml:8",
        o.get(3));
  }

  @Test
  void decimalsAtFullPrecision() {
    String max = "99999999999999999999.999999999999999999";
    Dataset<Row> data =
        spark.sql(
            "SELECT * FROM VALUES (CAST('"
                + max
                + "' AS DECIMAL(38,18))), (CAST('-"
                + max
                + "' AS DECIMAL(38,18))), (CAST('0.000000000000000001' AS DECIMAL(38,18))),"
                + " (CAST(NULL AS DECIMAL(38,18))) AS t(d)");
    DatasetResult r =
        result(
            data,
            "range: {column: d, min: 0.000000000000000001, max: " + max + "}",
            "range: {column: d, min: 0.000000000000000002}",
            "iqr_outliers: {column: d}",
            "allowed_values: {column: d, values: [0.000000000000000001]}",
            "unique: {column: d}");
    List<Outcome> o = r.outcomes();
    // Bounds compare at the column's 18 decimals: 1e-18 is inside [1e-18, …], outside [2e-18, …).
    assertOutcome(
        Status.FAIL,
        "d: 1 of 4 rows (25%) are outside [0.000000000000000001, "
            + max
            + "]; none allowed — rules/test.yaml:5",
        o.get(0));
    assertOutcome(
        Status.FAIL,
        "d: 2 of 4 rows (50%) are outside [0.000000000000000002, +∞); none allowed —"
            + " rules/test.yaml:6",
        o.get(1));
    // Quartiles are doubles: ±1e20 printed in full, not overflowed through a long.
    assertOutcome(
        Status.PASS,
        "d: 0 of 4 rows are outside the IQR fences [-400000000000000000000, 400000000000000000000]"
            + " (Q1 -100000000000000000000, Q3 100000000000000000000, k 1.5); none allowed —"
            + " rules/test.yaml:7",
        o.get(2));
    assertOutcome(
        Status.FAIL,
        "d: 2 of 4 rows (50%) hold a value outside the allowed value 0.000000000000000001; none"
            + " allowed — rules/test.yaml:8",
        o.get(3));
    assertEquals(Status.PASS, o.get(4).status(), o.get(4).explanation());
    var profile = r.columns().get(0);
    assertEquals("-" + max, profile.min());
    assertEquals(max, profile.max());
  }

  @Test
  void timestampsAcrossADstChangeUseTheSessionZone() {
    SparkTestSession.withSQLConf(
        Map.of("spark.sql.session.timeZone", "Europe/Stockholm"),
        () -> {
          // Stockholm's clocks jump from 02:00 to 03:00 on 2024-03-31 (01:00 UTC): eight rows every
          // 15 minutes from 00:00 UTC read 01:00 … 01:45, 03:00 … 03:45 local time.
          Dataset<Row> data =
              spark.sql(
                  "SELECT timestamp_seconds(1711843200 + id * 900) AS ts,"
                      + " CAST(timestamp_seconds(1711843200 + id * 900) AS TIMESTAMP_NTZ) AS local_ts"
                      + " FROM range(8)");
          List<Outcome> o =
              outcomes(
                  data,
                  "range: {column: ts, min: \"2024-03-31 03:00:00\"}",
                  "range: {column: ts, max: \"2024-03-31 02:30:00\"}",
                  "range: {column: local_ts, min: \"2024-03-31 03:00:00\"}",
                  "freshness: {column: ts, max_age: 3650d}");
          assertOutcome(
              Status.FAIL,
              "ts: 4 of 8 rows (50%) are outside [2024-03-31 03:00:00, +∞); none allowed —"
                  + " rules/test.yaml:5",
              o.get(0));
          // 02:30 does not exist that night; Spark reads it as 03:30 (moved forward by the gap),
          // so only 03:45 is above it.
          assertOutcome(
              Status.FAIL,
              "ts: 1 of 8 rows (12.5%) are outside (-∞, 2024-03-31 02:30:00]; none allowed —"
                  + " rules/test.yaml:6",
              o.get(1));
          assertOutcome(
              Status.FAIL,
              "local_ts: 4 of 8 rows (50%) are outside [2024-03-31 03:00:00, +∞); none allowed —"
                  + " rules/test.yaml:7",
              o.get(2));
          assertEquals(Status.PASS, o.get(3).status(), o.get(3).explanation());
          return null;
        });
  }

  @Test
  void nestedColumnsStructFieldsWorkArraysAndMapsAreRefused() {
    Dataset<Row> data =
        spark.sql(
            "SELECT named_struct('b', IF(id = 0, NULL, id), 'c', named_struct('d', id * 10)) AS a,"
                + " array(named_struct('b', id)) AS arr, map('k', id) AS m FROM range(5)");
    List<Outcome> o =
        outcomes(
            data,
            "not_null: {column: a.b}",
            "range: {column: a.c.d, max: 20}",
            "unique: {column: A.B}",
            "not_null: {column: arr.b}",
            "not_null: {column: m.k}",
            "range: {column: a, min: 0}",
            "not_null: {column: a.x}",
            "expression: {sql: \"a.b >= 0 AND m['k'] >= 0 AND arr[0].b >= 0\"}");
    assertOutcome(
        Status.FAIL, "a.b: 1 of 5 rows (20%) are null; none allowed — rules/test.yaml:5", o.get(0));
    assertOutcome(
        Status.FAIL,
        "a.c.d: 2 of 5 rows (40%) are outside (-∞, 20]; none allowed — rules/test.yaml:6",
        o.get(1));
    assertOutcome(
        Status.PASS,
        "A.B: 0 of 5 rows repeat a key of an earlier row; none allowed — rules/test.yaml:7",
        o.get(2));
    String elements =
        ": checks read columns and fields of structs, not the elements of arrays and maps; check"
            + " them with an expression rule (e.g. size(x) > 0, x['key'] IS NOT NULL) or on a view"
            + " that explodes them";
    assertOutcome(
        Status.ERROR,
        "arr.b: cannot check not_null because column \"arr.b\" reaches into \"arr\", which is"
            + " array<struct<b:bigint>>"
            + elements
            + " — rules/test.yaml:8",
        o.get(3));
    assertOutcome(
        Status.ERROR,
        "m.k: cannot check not_null because column \"m.k\" reaches into \"m\", which is"
            + " map<string,bigint>"
            + elements
            + " — rules/test.yaml:9",
        o.get(4));
    assertOutcome(
        Status.ERROR,
        "a: cannot check range because column \"a\" is struct<b:bigint,c:struct<d:bigint>>, which"
            + " this check does not support — rules/test.yaml:10",
        o.get(5));
    assertOutcome(
        Status.ERROR,
        "a.x: cannot check not_null because column \"a.x\" does not exist (struct \"a\" has"
            + " fields: b, c) — rules/test.yaml:11",
        o.get(6));
    // NULL a.b on row 0 makes the condition NULL there: not satisfied.
    assertOutcome(
        Status.FAIL,
        "`a.b >= 0 AND m['k'] >= 0 AND arr[0].b >= 0` holds for 4 of 5 rows (80%); required ≥ 100%"
            + " — rules/test.yaml:12",
        o.get(7));
  }

  @Test
  void hostileColumnNamesAndValues() {
    Dataset<Row> data =
        spark.sql(
            "SELECT id AS `my col`, id AS `a.b`, concat('v', id) AS `we``ird`, id AS `quo\"te`,"
                + " id AS `ünï 日本`, IF(id = 0, 'O\\'Brien \\n \"x\" `y` ✓', 'plain') AS v"
                + " FROM range(3)");
    List<Outcome> o =
        outcomes(
            data,
            "not_null: {column: \"my col\"}",
            "range: {column: a.b, max: 1}",
            "unique: {column: \"we`ird\"}",
            "range: {column: \"quo\\\"te\", max: 1}",
            "range: {column: \"ünï 日本\", max: 1}",
            "allowed_values: {column: v, values: [plain, \"O'Brien \\n \\\"x\\\" `y` ✓\"]}",
            "expression: {sql: \"`a.b` + `my col` >= 0 AND `we``ird` IS NOT NULL\"}");
    assertOutcome(
        Status.PASS, "my col: 0 of 3 rows are null; none allowed — rules/test.yaml:5", o.get(0));
    // A top-level column named "a.b" wins over a struct path.
    assertOutcome(
        Status.FAIL,
        "a.b: 1 of 3 rows (33.33%) are outside (-∞, 1]; none allowed — rules/test.yaml:6",
        o.get(1));
    assertOutcome(
        Status.PASS,
        "we`ird: 0 of 3 rows repeat a key of an earlier row; none allowed — rules/test.yaml:7",
        o.get(2));
    assertOutcome(
        Status.FAIL,
        "quo\"te: 1 of 3 rows (33.33%) are outside (-∞, 1]; none allowed — rules/test.yaml:8",
        o.get(3));
    assertOutcome(
        Status.FAIL,
        "ünï 日本: 1 of 3 rows (33.33%) are outside (-∞, 1]; none allowed — rules/test.yaml:9",
        o.get(4));
    assertOutcome(
        Status.PASS,
        "v: 0 of 3 rows hold a value outside the 2 allowed values; none allowed — rules/test.yaml:10",
        o.get(5));
    assertEquals(Status.PASS, o.get(6).status(), o.get(6).explanation());
  }
}
