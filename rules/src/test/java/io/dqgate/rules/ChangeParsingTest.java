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
}
