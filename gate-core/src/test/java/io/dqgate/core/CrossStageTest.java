package io.dqgate.core;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.RuleParser;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.check.RunStages;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code cross_stage} through the engine: the compared dataset computes the metric in its own first
 * pass (no extra pass, no extra aggregate beyond the metric), and the later dataset's rule judges
 * from the earlier result's recorded metrics.
 */
class CrossStageTest {
  private static final RuleSet RULES =
      new RuleSet(
          List.of(
              RuleParser.parse(
                  "rules/cross.yaml",
                  "datasets:\n"
                      + "  - name: bronze\n"
                      + "    match: {stage: bronze}\n"
                      + "    checks:\n"
                      + "      - row_count: {min: 1}\n"
                      + "  - name: users\n"
                      + "    match: {stage: users}\n"
                      + "    checks:\n"
                      + "      - cross_stage: {metric: distinct, column: user_id, stage: bronze,"
                      + " min_ratio: 0.95}\n"
                      + "      - cross_stage: {metric: row_count, stage: bronze, max_ratio: 1}\n")));

  /** 20,000 transactions of 1,000 users. */
  private static Dataset<Row> transactions() {
    return SparkTestSession.get()
        .range(20_000)
        .select(concat(lit("u"), col("id").mod(1000).cast("string")).as("user_id"));
  }

  /** One row for each of the first {@code n} users. */
  private static Dataset<Row> users(int n) {
    return SparkTestSession.get()
        .range(n)
        .select(concat(lit("u"), col("id").cast("string")).as("user_id"));
  }

  /**
   * Judges {@code data} as stage {@code stage} of {@code rules}, planned and judged after {@code
   * earlier}, in one observed pass (Dataset.observe: the CollectMetrics form every gate point
   * uses).
   */
  static DatasetResult judged(RuleSet rules, String stage, Dataset<Row> data, RunStages earlier) {
    DatasetId id = DatasetId.of(DatasetRef.stage(stage)).matchedIn(rules);
    CheckPlan plan =
        CheckPlan.plan(
            rules.checksFor(DatasetRef.stage(stage)), rules.readersOf(id), data.schema(), earlier);
    assertFalse(plan.needsExtraPass(), "cross-stage metrics ride in pass one");
    PassResult pass = plan.runObservedPass(data, stage);
    return DqGate.result(id, "check", plan, pass, List.of(), true, earlier);
  }

  private static DatasetResult check(String stage, Dataset<Row> data, RunStages earlier) {
    return judged(RULES, stage, data, earlier);
  }

  /** The run so far: {@code bronze} judged. */
  static RunStages after(DatasetResult bronze) {
    return RunStages.of(
        List.of(
            new RunStages.Stage(
                bronze.id(), bronze.checkedAt(), bronze.published(), bronze.metrics())));
  }

  @Test
  void theComparedDatasetComputesTheMetricInItsOwnPass() {
    Dataset<Row> bronze = transactions();
    CheckPlan alone =
        CheckPlan.plan(RULES.checksFor(DatasetRef.stage("bronze")), List.of(), bronze.schema());
    DatasetId id = DatasetId.of(DatasetRef.stage("bronze")).matchedIn(RULES);
    CheckPlan fed =
        CheckPlan.plan(
            RULES.checksFor(DatasetRef.stage("bronze")), RULES.readersOf(id), bronze.schema());
    assertEquals(1, alone.observeColumns().length, "row count only");
    assertEquals(2, fed.observeColumns().length, "row count, and distinct user_id for users");
    DatasetResult result = check("bronze", bronze, RunStages.NONE);
    assertEquals(1, result.sparkJobs());
    double distinct = (Double) result.metrics().get("ApproxDistinct[column=user_id]");
    assertEquals(1000, distinct, 20, "HyperLogLog within 2%");
    assertEquals(20_000.0, result.metrics().get("RowCount[]"));
  }

  @Test
  void aLaterDatasetThatLostUsersFails() {
    DatasetResult bronze = check("bronze", transactions(), RunStages.NONE);
    // one row per user, but users u800..u999 were lost
    Dataset<Row> users = users(800);
    DatasetResult result = check("users", users, after(bronze));
    Outcome distinct = result.outcomes().get(0);
    assertEquals(Status.FAIL, distinct.status(), distinct.explanation());
    assertTrue(
        distinct
                .explanation()
                .matches("distinct of user_id: \\d[\\d,]* here vs \\d[\\d,]* in bronze: .*")
            && distinct.explanation().contains("; allowed ≥ 95% of bronze"),
        distinct.explanation());
    assertEquals(Status.PASS, result.outcomes().get(1).status(), "fewer rows than bronze");

    DatasetResult kept = check("users", users(1000), after(bronze));
    assertEquals(
        Status.PASS, kept.outcomes().get(0).status(), kept.outcomes().get(0).explanation());
  }

  @Test
  void withoutTheOtherStageTheRuleWarnsAndNeverPasses() {
    DatasetResult alone = check("users", users(1000), RunStages.NONE);
    for (Outcome o : alone.outcomes()) {
      assertEquals(Status.WARN, o.status(), o.explanation());
      assertTrue(o.explanation().contains("cannot compare with bronze"), o.explanation());
    }
    DatasetResult notYet = check("users", users(1000), RunStages.of(List.of()));
    assertEquals(Status.WARN, notYet.outcomes().get(0).status());
    assertTrue(
        notYet.outcomes().get(0).explanation().contains("has not been checked in this run (yet)"),
        notYet.outcomes().get(0).explanation());
  }
}
