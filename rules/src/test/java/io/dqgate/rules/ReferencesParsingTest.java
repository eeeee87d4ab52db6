package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.parse;
import static io.dqgate.rules.RuleTesting.problems;
import static io.dqgate.rules.RuleTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.check.MetricKey;
import io.dqgate.rules.check.PlanContext;
import io.dqgate.rules.check.References;
import io.dqgate.rules.check.RunStages;
import io.dqgate.rules.check.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code references}: read, printed back, rejected like every other check, planned on both datasets
 * (a key filter there, an unmatched count here), and judged with the other stage named.
 */
class ReferencesParsingTest {
  private static final byte[] FILTER = {1, 2, 3};

  @Test
  void readsAndPrintsBack() {
    References r =
        (References)
            rule("- references: {column: user_id, stage: bronze, stage_column: uid, max_count: 2}");
    assertEquals("bronze", r.stage());
    assertEquals("uid", r.otherColumn());
    assertEquals(
        "references: {column: user_id, stage: bronze, stage_column: uid, max_count: 2}",
        r.toString());
    assertEquals(
        "references: {column: user_id, stage: bronze}",
        rule("- references: {column: user_id, stage: bronze, stage_column: user_id}").toString());
  }

  @Test
  void needsAColumnAndAStage() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"references\" needs \"stage\": add the dataset to compare with, by its"
                + " rule name, e.g. stage: bronze"),
        problems(checks("- references: {column: user_id}")));
    assertFalse(problems(checks("- references: {stage: bronze}")).isEmpty(), "no column");
  }

  @Test
  void theReferencedDatasetIsAReaderThatBuildsAKeyFilter() {
    RuleSet rules =
        new RuleSet(
            List.of(
                parse(
                    "datasets: [{name: users, match: {view: users}, checks:"
                        + " [{references: {column: id, stage: bronze, stage_column: uid}}]}]")));
    List<RunStages.Reader> readers =
        rules.readersOf(new DatasetId("bronze", List.of(DatasetRef.view("bronze"))));
    assertEquals(1, readers.size());
    PlanContext.Recording bronze = new PlanContext.Recording();
    readers.get(0).feed(bronze);
    assertEquals(List.of(new MetricKey.KeyFilter("uid")), bronze.needs());
  }

  private static RunStages withBronze(Map<String, Object> metrics) {
    return RunStages.of(
        List.of(
            new RunStages.Stage(
                new DatasetId("bronze", List.of(DatasetRef.view("bronze"))),
                Instant.parse("2026-12-01T08:00:00Z"),
                true,
                metrics)));
  }

  @Test
  void countsKeysMissingFromTheOtherStagesFilter() {
    References r =
        (References) rule("- references: {column: id, stage: bronze, stage_column: uid}");
    PlanContext.Recording here =
        new PlanContext.Recording(withBronze(Map.of("KeyFilter[column=uid]", FILTER)));
    var judge = r.plan(here);
    MetricKey.Unmatched unmatched = new MetricKey.Unmatched("id", "bronze.uid", FILTER.clone());
    assertTrue(here.needs().contains(unmatched), here.needs().toString());
    assertEquals("Unmatched[column=id, from=bronze.uid]", MetricKey.label(unmatched));
    Verdict v =
        judge.judge(
            CrossStageTest.observed(
                Map.of(new MetricKey.RowCount(), 200L, unmatched, 12L), RunStages.NONE));
    assertTrue(v.breached());
    assertEquals(
        "id: 12 of 200 rows (6%) have a key not found in bronze.uid (Bloom filter: every one"
            + " counted is missing; a few more may be); none allowed",
        v.sentence());
  }

  @Test
  void withoutTheOtherStagesFilterItCannotCheck() {
    References r = (References) rule("- references: {column: id, stage: bronze}");
    for (RunStages run : List.of(RunStages.NONE, RunStages.of(List.of()), withBronze(Map.of()))) {
      PlanContext.Recording here = new PlanContext.Recording(run);
      Verdict v = r.plan(here).judge(CrossStageTest.observed(Map.of(), run));
      assertEquals(Verdict.Basis.NO_OTHER_STAGE, v.basis(), v.sentence());
      assertTrue(
          v.sentence().startsWith("id: cannot check the keys against bronze.id because "),
          v.sentence());
      assertTrue(here.needs().isEmpty(), "no count planned without a filter");
    }
    Verdict noColumn =
        r.plan(new PlanContext.Recording(withBronze(Map.of())))
            .judge(CrossStageTest.observed(Map.of(), RunStages.NONE));
    assertTrue(
        noColumn.sentence().endsWith("bronze recorded no keys of id (does it have that column?)"));
  }
}
