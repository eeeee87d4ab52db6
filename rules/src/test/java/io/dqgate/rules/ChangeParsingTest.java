package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.problems;
import static io.dqgate.rules.RuleTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.rules.check.Anomaly;
import io.dqgate.rules.check.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code change} and {@code anomaly}: read, printed back and rejected like every other check. */
class ChangeParsingTest {

  @Test
  void readsAndPrintsBackAChangeRule() {
    Change c = (Change) rule("- change: {metric: row_count, max_decrease: 0.3}");
    assertEquals("row_count", c.metric());
    assertEquals("previous", c.compareTo());
    assertEquals(0.3, c.maxDecrease());
    assertEquals(1, c.minHistory());
    assertEquals("change: {metric: row_count, max_decrease: 0.3}", c.toString());
    String mean =
        "change: {metric: null_fraction, column: email, compare_to: mean, runs: 3,"
            + " max_increase: 0.5, min_history: 2}";
    assertEquals(mean, rule("- " + mean).toString());
  }

  @Test
  void readsAndPrintsBackAnAnomalyRule() {
    Anomaly a = (Anomaly) rule("- anomaly: {metric: row_count, season: 7}");
    assertEquals(7, a.season());
    assertEquals(3.0, a.deviations());
    assertEquals("anomaly: {metric: row_count, season: 7}", a.toString());
  }

  @Test
  void rejectsAnUnknownMetricAndAMissingBound() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"change\" needs \"max_decrease\", \"max_increase\" or \"max_change\": add how"
                + " far the metric may move, e.g. max_decrease: 0.3"),
        problems(checks("- change: {metric: row_count}")));
    assertEquals(
        List.of(
            "r.yaml:5:26: \"metric\" must be one of row_count, null_count, null_fraction, distinct,"
                + " mean, min, max, median, not rows"),
        problems(checks("- change: {metric: rows, max_decrease: 0.3}")));
    assertEquals(
        List.of("r.yaml:5:68: \"compare_to\" must be previous or mean (with runs: N), not last"),
        problems(checks("- change: {metric: row_count, max_decrease: 0.3, compare_to: last}")));
  }

  @Test
  void readsAndPrintsBackEachAnomalyStrategy() {
    Anomaly hw = (Anomaly) rule("- anomaly: {metric: row_count, strategy: holt_winters}");
    assertEquals(7, hw.season(), "a weekly season by default");
    assertEquals(14, hw.minHistory(), "two seasons");
    assertEquals("anomaly: {metric: row_count, strategy: holt_winters}", hw.toString());
    for (String printed :
        List.of(
            "anomaly: {metric: row_count, strategy: holt_winters, season: 12, min_history: 36}",
            "anomaly: {metric: mean, column: amount, strategy: online_normal, deviations: 2}",
            "anomaly: {metric: row_count, strategy: rate_of_change, max_rate_decrease: 500}")) {
      assertEquals(printed, rule("- " + printed).toString());
    }
  }

  @Test
  void rejectsStrategyKeysThatDoNotFit() {
    assertEquals(
        List.of(
            "r.yaml:5:48: \"strategy\" must be one of batch_normal, online_normal, rate_of_change,"
                + " holt_winters (add season: N for seasonal data), not arima"),
        problems(checks("- anomaly: {metric: row_count, strategy: arima}")));
    assertEquals(
        List.of(
            "r.yaml:5:9: \"anomaly\" needs \"max_rate_decrease\" or \"max_rate_increase\": add"
                + " how far the metric may move from one run to the next, e.g. max_rate_decrease:"
                + " 500"),
        problems(checks("- anomaly: {metric: row_count, strategy: rate_of_change}")));
    assertEquals(
        List.of(
            "r.yaml:5:57: max_rate_decrease and max_rate_increase belong to strategy:"
                + " rate_of_change, not batch_normal: add strategy: rate_of_change or remove them"),
        problems(checks("- anomaly: {metric: row_count, max_rate_decrease: 5}")));
    assertEquals(
        List.of(
            "r.yaml:5:75: holt_winters needs at least two seasons of history: min_history 10 is"
                + " less than 14"),
        problems(
            checks("- anomaly: {metric: row_count, strategy: holt_winters, min_history: 10}")));
  }
}
