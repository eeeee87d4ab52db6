package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sentences people read, asserted word for word. */
class VerdictMessagesTest {
  private static SparkSession spark;
  private static Dataset<Row> data;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    // 1000 rows: amount = id, so 0..999; 3 rows above 996; user null on every 100th row.
    data =
        spark.sql(
            "SELECT id, CAST(id AS DOUBLE) AS amount, IF(id % 100 = 0, NULL, concat('u', id % 7)) AS user,"
                + " IF(id % 10 = 0, 'other', 'food') AS category FROM range(1000)");
  }

  private static List<Outcome> outcomes(String... checks) {
    return DqGate.evaluate(data, DatasetRef.stage("t"), Fixtures.rules("t", checks)).outcomes();
  }

  @Test
  void rangeSentence() {
    Outcome o = outcomes("range: {column: amount, min: 0, max: 996, max_fraction: 0.001}").get(0);
    assertEquals(Status.FAIL, o.status());
    assertEquals(
        "amount: 3 of 1,000 rows (0.3%) are outside [0, 996]; allowed ≤ 0.1% — rules/test.yaml:5",
        o.explanation());
    assertEquals(3.0, o.observed());
    assertEquals("≤ 0.1%", o.threshold());
    assertEquals("range: {column: amount, min: 0, max: 996, max_fraction: 0.001}", o.rule());
  }

  @Test
  void warnSeverityWarns() {
    Outcome o = outcomes("not_null: {column: user, severity: warn}").get(0);
    assertEquals(Status.WARN, o.status());
    assertEquals(
        "user: 10 of 1,000 rows (1%) are null; none allowed — rules/test.yaml:5", o.explanation());
  }

  @Test
  void allowedValuesSentence() {
    Outcome o =
        outcomes("allowed_values: {column: category, values: [food], max_count: 99}").get(0);
    assertEquals(
        "category: 100 of 1,000 rows (10%) hold a value outside the allowed value food; allowed ≤ 99 rows"
            + " — rules/test.yaml:5",
        o.explanation());
  }

  @Test
  void expressionSentence() {
    Outcome o = outcomes("expression: {sql: \"amount >= 10\", min_fraction: 0.999}").get(0);
    assertEquals(Status.FAIL, o.status());
    assertEquals(
        "`amount >= 10` holds for 990 of 1,000 rows (99%); required ≥ 99.9% — rules/test.yaml:5",
        o.explanation());
  }

  @Test
  void duplicateSentence() {
    Outcome o = outcomes("unique: {column: user}").get(0);
    assertEquals(
        "user: 992 of 1,000 rows (99.2%) repeat a key of an earlier row; none allowed — rules/test.yaml:5",
        o.explanation());
  }

  @Test
  void iqrSentence() {
    Outcome o = outcomes("iqr_outliers: {column: amount, k: 1.5}").get(0);
    assertEquals(Status.PASS, o.status());
    assertEquals(
        "amount: 0 of 1,000 rows are outside the IQR fences [-501, 1499] (Q1 249, Q3 749, k 1.5); none allowed"
            + " — rules/test.yaml:5",
        o.explanation());
  }

  @Test
  void missingColumnIsAnErrorAndOthersStillRun() {
    List<Outcome> o =
        outcomes(
            "not_null: {column: usr}",
            "iqr_outliers: {column: user}",
            "expression: {sql: \"amount >>> 1\"}",
            "expression: {sql: \"nope > 1\"}",
            "expression: {sql: \"amount + 1\"}",
            "row_count: {min: 1}");
    assertEquals(Status.ERROR, o.get(0).status());
    assertEquals(
        "usr: cannot check not_null because column \"usr\" does not exist (columns: id, amount, user, category)"
            + " — rules/test.yaml:5",
        o.get(0).explanation());
    assertEquals(
        "user: cannot check iqr_outliers because column \"user\" is string, and IQR outliers need a numeric column"
            + " — rules/test.yaml:6",
        o.get(1).explanation());
    assertEquals(Status.ERROR, o.get(2).status());
    assertEquals(Status.ERROR, o.get(3).status());
    assertEquals(Status.ERROR, o.get(4).status());
    assertEquals(
        "cannot check expression because the SQL expression is double, not boolean: write a condition like"
            + " amount >= 0 — rules/test.yaml:9",
        o.get(4).explanation());
    assertEquals(
        "cannot check expression because the SQL expression does not compile: [UNRESOLVED_COLUMN.WITH_SUGGESTION]"
            + " A column or function parameter with name `nope` cannot be resolved. Did you mean one of the following?"
            + " [`id`, `user`, `amount`, `category`].; — rules/test.yaml:8",
        o.get(3).explanation().replaceAll("\\s*;?\\s*line \\d+ pos \\d+", ""));
    assertEquals(Status.PASS, o.get(5).status());
  }

  @Test
  void rejectionNamesDatasetRulesAndLines() {
    GateRejectedException e =
        assertThrows(
            GateRejectedException.class,
            () ->
                DqGate.check(
                    data,
                    "t",
                    Fixtures.rules(
                        "t",
                        "range: {column: amount, max: 996}",
                        "row_count: {min: 1}",
                        "not_null: {column: user}")));
    assertEquals(
        "dqgate rejected stage t: 2 fail rules were breached; the stage was stopped.\n"
            + "  - t.range.amount: amount: 3 of 1,000 rows (0.3%) are outside (-∞, 996]; none allowed — rules/test.yaml:5\n"
            + "  - t.not_null.user: user: 10 of 1,000 rows (1%) are null; none allowed — rules/test.yaml:7",
        e.getMessage());
    DatasetResult result = e.results().get(0);
    assertEquals(2, result.failures().size());
  }
}
