package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.check.History;
import io.dqgate.testing.SparkTestSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code anomaly} over a generated series of 35 daily runs with a weekly season: weekdays about
 * 1,000 rows, weekends about 400.
 */
class AnomalyTest {
  private static final Instant START = Instant.parse("2026-01-05T06:00:00Z"); // a Monday

  /** Runs 0..34, run i on day i; weekends (phase 5, 6) are low. */
  static History weeklySeries() {
    List<History.Run> runs = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      boolean weekend = i % 7 >= 5;
      double rows = weekend ? 400 + (i % 3) * 5 : 1000 + (i % 4) * 10;
      runs.add(
          new History.Run("day-" + i, START.plus(Duration.ofDays(i)), Map.of("RowCount[]", rows)));
    }
    return History.of(runs);
  }

  private static Outcome judge(long rows, String rule) {
    Dataset<Row> data = SparkTestSession.get().range(rows).toDF();
    CheckPlan plan = CheckPlan.plan(Fixtures.checks(rule), data.schema());
    List<Outcome> outcomes =
        plan.evaluate(plan.runFirstPass(data), Clock.systemUTC(), weeklySeries());
    assertEquals(1, outcomes.size());
    return outcomes.get(0);
  }

  @Test
  void aMondayWithASundaysCountIsASeasonalOutlier() {
    Outcome o = judge(400, "anomaly: {metric: row_count, season: 7}");
    assertEquals(Status.FAIL, o.status());
    assertTrue(
        o.explanation().startsWith("row_count: 400 in this run vs mean 1,012 ± 3 σ (σ 13.038)"),
        o.explanation());
    assertTrue(
        o.explanation()
            .contains(
                "over 5 same-phase earlier runs (run day-0 (2026-01-05T06:00:00Z) to run"
                    + " day-28 (2026-02-02T06:00:00Z)): an anomaly"),
        o.explanation());
  }

  @Test
  void anOrdinaryMondayPasses() {
    assertEquals(Status.PASS, judge(1010, "anomaly: {metric: row_count, season: 7}").status());
  }

  @Test
  void withoutTheSeasonTheSameOutlierHidesInTheWeeklySwing() {
    assertEquals(Status.PASS, judge(400, "anomaly: {metric: row_count}").status());
  }

  @Test
  void tooLittleHistoryIsInfoNotAPass() {
    Outcome o = judge(400, "anomaly: {metric: row_count, season: 7, min_history: 6}");
    assertEquals(Status.INFO, o.status());
    assertTrue(
        o.explanation().startsWith("row_count: 400 in this run; 5 comparable earlier runs"),
        o.explanation());
  }

  @Test
  void holtWintersFlagsTheSeasonalOutlierTheBatchNormalWithoutSeasonMisses() {
    String rule = "anomaly: {metric: row_count, strategy: holt_winters, season: 7}";
    Outcome o = judge(400, rule);
    assertEquals(Status.FAIL, o.status(), o.explanation());
    assertTrue(
        o.explanation().startsWith("row_count: 400 in this run vs Holt-Winters forecast (α "),
        o.explanation());
    assertTrue(
        o.explanation()
            .contains(
                " over 35 earlier runs (run day-0 (2026-01-05T06:00:00Z) to run day-34"
                    + " (2026-02-08T06:00:00Z)): an anomaly"),
        o.explanation());
    assertEquals(Status.PASS, judge(1010, rule).status(), judge(1010, rule).explanation());
    assertEquals(Status.PASS, judge(400, "anomaly: {metric: row_count}").status());
  }

  @Test
  void holtWintersNeedsTwoSeasons() {
    Outcome o = judge(400, "anomaly: {metric: row_count, strategy: holt_winters, season: 30}");
    assertEquals(Status.INFO, o.status(), o.explanation());
    assertTrue(
        o.explanation()
            .contains("35 comparable earlier runs recorded it, 60 needed before judging"),
        o.explanation());
  }

  @Test
  void rateOfChangeFlagsADropFromThePreviousRun() {
    String rule = "anomaly: {metric: row_count, strategy: rate_of_change, max_rate_decrease: 200}";
    Outcome drop = judge(100, rule);
    assertEquals(Status.FAIL, drop.status(), drop.explanation());
    assertTrue(
        drop.explanation()
            .startsWith(
                "row_count: 100 in this run vs 405 in run day-34 (2026-02-08T06:00:00Z): change"
                    + " −305; allowed −200 .. +∞: an anomaly"),
        drop.explanation());
    assertEquals(Status.PASS, judge(300, rule).status(), "−105 is within −200");
    assertEquals(Status.PASS, judge(5000, rule).status(), "no limit on increases");
  }

  @Test
  void onlineNormalFlagsAFarValue() {
    Outcome o = judge(5000, "anomaly: {metric: row_count, strategy: online_normal}");
    assertEquals(Status.FAIL, o.status(), o.explanation());
    assertTrue(o.explanation().contains(" vs running mean "), o.explanation());
    assertEquals(
        Status.PASS, judge(1000, "anomaly: {metric: row_count, strategy: online_normal}").status());
  }
}
