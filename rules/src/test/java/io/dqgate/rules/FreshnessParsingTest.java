package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.meta;
import static io.dqgate.rules.RuleTesting.problems;
import static io.dqgate.rules.RuleTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.rules.check.Freshness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code freshness}: read, printed and rejected like every other check. */
class FreshnessParsingTest {

  @Test
  void readsColumnAndMaxAge() {
    assertEquals(
        new Freshness(meta("orders.freshness.event_time", 5), "event_time", Duration.ofHours(36)),
        rule("- freshness: {column: event_time, max_age: 36h}"));
  }

  @Test
  void printsBackInTheLargestWholeUnit() {
    assertEquals(
        "freshness: {column: day, max_age: 2d}",
        rule("- freshness: {column: day, max_age: 48h}").toString());
    assertEquals(
        "freshness: {column: ts, max_age: 90m}",
        rule("- freshness: {column: ts, max_age: 90min}").toString());
  }

  @Test
  void rejectsAMissingOrMalformedMaxAge() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"freshness\" needs \"max_age\": add how old the newest value may be, e.g. max_age: 36h"),
        problems(checks("- freshness: {column: event_time}")));
    assertEquals(
        List.of(
            "r.yaml:5:50: \"max_age\" must be a duration like 36h, 90m or 2d (units ms, s, m, h, d), not the"
                + " text \"36 hours\""),
        problems(checks("- freshness: {column: event_time, max_age: 36 hours}")));
    assertEquals(
        List.of(
            "r.yaml:5:50: \"max_age\" must be a duration like 36h, 90m or 2d (units ms, s, m, h, d), not the"
                + " number 36"),
        problems(checks("- freshness: {column: event_time, max_age: 36}")));
  }

  @Test
  void rejectsAMissingColumnAndUnknownKeys() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"freshness\" needs \"column\": add the column to check, e.g. column: amount"),
        problems(checks("- freshness: {max_age: 1d}")));
    assertEquals(
        List.of(
            "r.yaml:5:33: unknown key \"max_agee\" in \"freshness\": did you mean \"max_age\"?"),
        problems(checks("- freshness: {column: ts, max_agee: 1d}")));
  }
}
