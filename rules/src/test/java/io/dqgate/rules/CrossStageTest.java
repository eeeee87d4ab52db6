package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.problems;
import static io.dqgate.rules.RuleTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.check.CannotPlan;
import io.dqgate.rules.check.CrossStage;
import io.dqgate.rules.check.MetricKey;
import io.dqgate.rules.check.Observed;
import io.dqgate.rules.check.PlanContext;
import io.dqgate.rules.check.RunStages;
import io.dqgate.rules.check.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cross_stage}: read, printed back, rejected like every other check, planned on both
 * datasets, and judged from the run's earlier stages.
 */
class CrossStageTest {
  private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void readsAndPrintsBack() {
    CrossStage c =
        (CrossStage)
            rule(
                "- cross_stage: {metric: distinct, column: user_id, stage: bronze, min_ratio: 0.95}");
    assertEquals("distinct", c.metric());
    assertEquals("user_id", c.column());
    assertEquals("bronze", c.stage());
    assertEquals("user_id", c.otherColumn());
    assertEquals(0.95, c.minRatio());
    assertNull(c.maxRatio());
    assertEquals("orders.cross_stage.user_id", c.id());
    assertEquals(
        "cross_stage: {metric: distinct, column: user_id, stage: bronze, min_ratio: 0.95}",
        c.toString());
    String all =
        "cross_stage: {metric: mean, column: amount, stage: output/raw, stage_column: amt,"
            + " min_ratio: 0.5, max_ratio: 2, max_difference: 10}";
    assertEquals(all, rule("- " + all).toString());
    // stage_column equal to column is the default, and is not printed
    assertEquals(
        "cross_stage: {metric: row_count, stage: labeled, max_difference: 0}",
        rule("- cross_stage: {metric: row_count, stage: labeled, max_difference: 0}").toString());
  }

  @Test
  void rejectsMissingKeysAndBadBounds() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"cross_stage\" needs \"stage\": add the dataset to compare with, by its"
                + " rule name, e.g. stage: bronze",
            "r.yaml:5:9: \"cross_stage\" needs \"min_ratio\", \"max_ratio\" or \"max_difference\":"
                + " add how this dataset's metric relates to the other's, e.g. min_ratio: 0.95"),
        problems(checks("- cross_stage: {metric: row_count}")));
    assertEquals(
        List.of("r.yaml:5:68: \"max_difference\" must be a number ≥ 0, not the number -1"),
        problems(checks("- cross_stage: {metric: row_count, stage: s, max_difference: -1}")));
    assertEquals(
        List.of("r.yaml:5:63: min_ratio 2 is greater than max_ratio 1: swap them"),
        problems(
            checks("- cross_stage: {metric: row_count, stage: s, min_ratio: 2, max_ratio: 1}")));
    assertEquals(
        List.of(
            "r.yaml:5:31: \"metric\" must be one of row_count, null_count, null_fraction, distinct,"
                + " mean, min, max, median, not users"),
        problems(checks("- cross_stage: {metric: users, stage: s, min_ratio: 1}")));
  }

  @Test
  void theOtherStageIsFoundByRuleNameViewOrPath() {
    DatasetId bronze =
        new DatasetId(
            "bronze_transactions",
            List.of(DatasetRef.path("/tmp/run/output/bronze"), DatasetRef.view("bronze_tx")));
    assertTrue(bronze.answersTo("bronze_transactions"));
    assertTrue(bronze.answersTo("BRONZE_TRANSACTIONS"));
    assertTrue(bronze.answersTo("bronze_tx"));
    assertTrue(bronze.answersTo("output/bronze"));
    assertTrue(bronze.answersTo("bronze"), "a relative path glob matches the last segments");
    assertFalse(bronze.answersTo("ronze"), "a path matches whole segments, like match: path");
    assertFalse(bronze.answersTo("labeled_users"));
  }

  @Test
  void readersOfADatasetAreTheCrossStageRulesNamingIt() {
    RuleSet rules =
        new RuleSet(
            List.of(
                RuleParser.parse(
                    "r.yaml",
                    "datasets:\n"
                        + "  - name: features\n"
                        + "    match: {path: out/features}\n"
                        + "    checks:\n"
                        + "      - cross_stage: {metric: row_count, stage: labeled, max_difference: 0}\n"
                        + "      - cross_stage: {metric: distinct, column: u, stage: bronze, min_ratio: 0.9}\n"
                        + "  - name: labeled\n"
                        + "    match: {view: labeled_users}\n"
                        + "    checks:\n"
                        + "      - row_count: {min: 1}\n")));
    DatasetId labeled = DatasetId.of(DatasetRef.view("labeled_users")).matchedIn(rules);
    List<RunStages.Reader> readers = rules.readersOf(labeled);
    assertEquals(1, readers.size());
    assertEquals("labeled", readers.get(0).stage());
    assertEquals(
        1, rules.readersOf(DatasetId.of(DatasetRef.path("/x/out/bronze"))).size(), "by path");
    assertTrue(rules.readersOf(DatasetId.of(DatasetRef.view("other"))).isEmpty());
  }

  // ------------------------------------------------------------------ judging

  private static Verdict judge(String line, Map<MetricKey, Object> here, RunStages run) {
    CrossStage c = (CrossStage) rule(line);
    return c.plan(new PlanContext.Recording()).judge(observed(here, run));
  }

  private static RunStages.Stage stage(String rule, String view, Map<String, Object> metrics) {
    return new RunStages.Stage(
        new DatasetId(rule, List.of(DatasetRef.view(view))), T, true, metrics);
  }

  @Test
  void judgesTheRatioOfDistinctUsers() {
    RunStages run =
        RunStages.of(
            List.of(
                stage(
                    "bronze",
                    "bronze_tx",
                    Map.of("ApproxDistinct[column=user_id]", 1000.0, "RowCount[]", 20000.0))));
    String rule =
        "- cross_stage: {metric: distinct, column: user_id, stage: bronze, min_ratio: 0.95}";
    Verdict lost = judge(rule, Map.of(new MetricKey.ApproxDistinct("user_id"), 820L), run);
    assertTrue(lost.breached());
    assertEquals(Verdict.Basis.JUDGED, lost.basis());
    assertEquals(
        "distinct of user_id: 820 here vs 1,000 in bronze: 82% of it, 180 less; allowed ≥ 95% of"
            + " bronze",
        lost.sentence());
    Verdict kept = judge(rule, Map.of(new MetricKey.ApproxDistinct("user_id"), 990L), run);
    assertFalse(kept.breached(), kept.sentence());
  }

  @Test
  void judgesEqualRowCountsAndTheLatestCheckOfTheOtherStage() {
    RunStages run =
        RunStages.of(
            List.of(
                stage("labeled", "labeled_users", Map.of("RowCount[]", 5.0)),
                stage("labeled", "labeled_users", Map.of("RowCount[]", 700.0))));
    String rule = "- cross_stage: {metric: row_count, stage: labeled_users, max_difference: 0}";
    assertFalse(judge(rule, Map.of(new MetricKey.RowCount(), 700L), run).breached());
    Verdict v = judge(rule, Map.of(new MetricKey.RowCount(), 699L), run);
    assertTrue(v.breached());
    assertEquals(
        "row_count: 699 here vs 700 in labeled: 99.86% of it, 1 less; allowed difference from"
            + " labeled_users ≤ 0",
        v.sentence());
  }

  @Test
  void anOtherStageNotCheckedYetIsAVisibleWarningNeverAPass() {
    String rule = "- cross_stage: {metric: row_count, stage: labeled, max_difference: 0}";
    Verdict missing =
        judge(
            rule,
            Map.of(new MetricKey.RowCount(), 10L),
            RunStages.of(List.of(stage("bronze", "b", Map.of("RowCount[]", 10.0)))));
    assertEquals(Verdict.Basis.NO_OTHER_STAGE, missing.basis());
    assertEquals(
        "row_count: 10 here; cannot compare with labeled because it has not been checked in this"
            + " run (yet): it runs later, is not gated, or no rule block, view, table or path is"
            + " called labeled",
        missing.sentence());
    Verdict alone = judge(rule, Map.of(new MetricKey.RowCount(), 10L), RunStages.NONE);
    assertEquals(Verdict.Basis.NO_OTHER_STAGE, alone.basis());
    assertTrue(alone.sentence().contains("judged outside a gated run"), alone.sentence());
    Verdict unrecorded =
        judge(
            "- cross_stage: {metric: distinct, column: u, stage: labeled, min_ratio: 1}",
            Map.of(new MetricKey.ApproxDistinct("u"), 10L),
            RunStages.of(List.of(stage("labeled", "l", Map.of("RowCount[]", 10.0)))));
    assertEquals(Verdict.Basis.NO_OTHER_STAGE, unrecorded.basis());
    assertTrue(
        unrecorded
            .sentence()
            .endsWith("labeled recorded no distinct of u (does it have that column?)"),
        unrecorded.sentence());
  }

  @Test
  void plansItsMetricOnBothDatasets() {
    CrossStage c =
        (CrossStage)
            rule(
                "- cross_stage: {metric: mean, column: amount, stage: raw, stage_column: amt,"
                    + " min_ratio: 0.9}");
    PlanContext.Recording other = new PlanContext.Recording();
    c.feed(other);
    assertEquals(
        List.of(new MetricKey.Sum("amt"), new MetricKey.NullCount("amt"), new MetricKey.RowCount()),
        other.needs());
    PlanContext.Recording here = new PlanContext.Recording();
    c.plan(here);
    assertTrue(here.needs().contains(new MetricKey.Sum("amount")), here.needs().toString());
    CrossStage noColumn =
        (CrossStage) rule("- cross_stage: {metric: distinct, stage: raw, min_ratio: 0.9}");
    try {
      noColumn.plan(new PlanContext.Recording());
      throw new AssertionError("a column metric without a column must not plan");
    } catch (CannotPlan e) {
      assertEquals("metric distinct needs a column: add column: <name>", e.getMessage());
    }
  }

  static Observed observed(Map<MetricKey, Object> values, RunStages run) {
    return new Observed() {
      public long rows() {
        return count(new MetricKey.RowCount());
      }

      public long count(MetricKey key) {
        Object v = values.get(key);
        return v == null ? 0 : ((Number) v).longValue();
      }

      public Object value(MetricKey key) {
        return values.get(key);
      }

      public Instant now() {
        return T;
      }

      public ZoneId zone() {
        return ZoneId.of("UTC");
      }

      public RunStages runStages() {
        return run;
      }
    };
  }
}
