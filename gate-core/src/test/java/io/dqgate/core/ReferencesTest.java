package io.dqgate.core;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.RuleParser;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.check.RunStages;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code references} through the engine: the referenced dataset builds a Bloom filter of its keys
 * in its own observed pass (Dataset.observe / CollectMetrics accept the aggregate), the later
 * dataset counts the keys not in it in its own observed pass: no extra pass on either side.
 */
class ReferencesTest {
  private static final RuleSet RULES =
      new RuleSet(
          List.of(
              RuleParser.parse(
                  "rules/refs.yaml",
                  "datasets:\n"
                      + "  - name: bronze\n"
                      + "    match: {stage: bronze}\n"
                      + "    checks:\n"
                      + "      - row_count: {min: 1}\n"
                      + "  - name: users\n"
                      + "    match: {stage: users}\n"
                      + "    checks:\n"
                      + "      - references: {column: id, stage: bronze, stage_column: user_id}\n")));

  /** 20,000 transactions of users u0..u999, and some with a NULL user. */
  private static Dataset<Row> transactions() {
    return SparkTestSession.get()
        .range(20_000)
        .select(
            when(col("id").mod(97).equalTo(0), lit(null))
                .otherwise(concat(lit("u"), col("id").mod(1000).cast("string")))
                .as("user_id"));
  }

  /** Users u{from}..u{to-1}, one row each, and one NULL user. */
  private static Dataset<Row> users(int from, int to) {
    return SparkTestSession.get()
        .range(from, to)
        .select(concat(lit("u"), col("id").cast("string")).as("id"))
        .union(SparkTestSession.get().range(1).select(lit(null).cast("string").as("id")));
  }

  private static DatasetResult check(String stage, Dataset<Row> data, RunStages earlier) {
    DatasetResult result = CrossStageTest.judged(RULES, stage, data, earlier);
    assertEquals(1, result.sparkJobs(), "one observed pass, nothing extra");
    return result;
  }

  @Test
  void theReferencedDatasetBuildsItsKeyFilterInItsOwnPass() {
    DatasetResult bronze = check("bronze", transactions(), RunStages.NONE);
    Object filter = bronze.metrics().get("KeyFilter[column=user_id]");
    assertInstanceOf(byte[].class, filter);
    assertTrue(((byte[]) filter).length > 1024 * 1024, "1 MiB of bits");
  }

  @Test
  void orphanKeysFailNamingTheirCountAndTheOtherStage() {
    DatasetResult bronze = check("bronze", transactions(), RunStages.NONE);
    // u900..u1149: 150 users bronze never had (u1000..u1149); the NULL user is not an orphan
    DatasetResult users = check("users", users(900, 1150), CrossStageTest.after(bronze));
    Outcome refs = users.outcomes().get(0);
    assertEquals(Status.FAIL, refs.status(), refs.explanation());
    assertTrue(
        refs.explanation()
            .startsWith("id: 150 of 251 rows (59.76%) have a key not found in bronze.user_id"),
        refs.explanation());

    DatasetResult clean = check("users", users(0, 1000), CrossStageTest.after(bronze));
    assertEquals(
        Status.PASS, clean.outcomes().get(0).status(), clean.outcomes().get(0).explanation());
  }

  @Test
  void withoutTheReferencedStageTheRuleWarnsAndNeverPasses() {
    DatasetResult alone = check("users", users(0, 10), RunStages.NONE);
    Outcome o = alone.outcomes().get(0);
    assertEquals(Status.WARN, o.status(), o.explanation());
    assertTrue(
        o.explanation().startsWith("id: cannot check the keys against bronze.user_id because "),
        o.explanation());
  }
}
