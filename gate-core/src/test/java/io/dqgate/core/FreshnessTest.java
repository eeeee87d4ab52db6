package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.testing.SparkTestSession;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code freshness} on real Spark data, judged at a fixed clock. */
class FreshnessTest {
  /** The run's time: 36 hours after the newest event (2024-03-01 12:00 UTC). */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-03T00:00:00Z"), ZoneOffset.UTC);

  private static SparkSession spark;
  private static Dataset<Row> events;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    events =
        spark.sql(
            "SELECT * FROM VALUES"
                + " (TIMESTAMP '2024-02-28 08:00:00', DATE '2024-02-28', TIMESTAMP_NTZ '2024-02-28 08:00:00', 'a', CAST(NULL AS TIMESTAMP)),"
                + " (TIMESTAMP '2024-03-01 12:00:00', DATE '2024-03-01', TIMESTAMP_NTZ '2024-03-01 12:00:00', 'b', CAST(NULL AS TIMESTAMP)),"
                + " (NULL, NULL, NULL, NULL, NULL)"
                + " AS t(event_time, day, local_time, name, never)");
  }

  private static Outcome judge(Dataset<Row> data, String rule) {
    CheckPlan plan = CheckPlan.plan(Fixtures.checks(rule), data.schema());
    List<Outcome> outcomes = plan.evaluate(plan.runExtraPass(data, plan.runFirstPass(data)), CLOCK);
    assertEquals(1, outcomes.size());
    return outcomes.get(0);
  }

  @Test
  void passesWhenTheNewestTimestampIsYoungEnough() {
    Outcome o = judge(events, "freshness: {column: event_time, max_age: 36h}");
    assertEquals(Status.PASS, o.status());
    assertEquals(
        "event_time: the newest value, 2024-03-01T12:00:00Z, is 1d 12h old; allowed ≤ 36h — rules/test.yaml:5",
        o.explanation());
    assertEquals(36 * 3600_000.0, o.observed());
    assertEquals("newest ≤ 36h old", o.threshold());
    assertEquals("freshness: {column: event_time, max_age: 36h}", o.rule());
  }

  @Test
  void failsWhenTheNewestTimestampIsTooOld() {
    Outcome o = judge(events, "freshness: {column: event_time, max_age: 1d}");
    assertEquals(Status.FAIL, o.status());
    assertEquals(
        "event_time: the newest value, 2024-03-01T12:00:00Z, is 1d 12h old; allowed ≤ 1d — rules/test.yaml:5",
        o.explanation());
  }

  @Test
  void aDateCountsAsItsStartOfDayInTheSessionTimeZone() {
    // 2024-03-01 00:00 UTC is 48 hours before the clock.
    assertEquals(Status.PASS, judge(events, "freshness: {column: day, max_age: 48h}").status());
    Outcome o = judge(events, "freshness: {column: day, max_age: 47h, severity: warn}");
    assertEquals(Status.WARN, o.status());
    assertEquals(
        "day: the newest value, 2024-03-01T00:00:00Z, is 2d 0h old; allowed ≤ 47h — rules/test.yaml:5",
        o.explanation());
    // In Stockholm (UTC+1 in March) the day starts an hour earlier.
    Outcome stockholm =
        SparkTestSession.withSQLConf(
            Map.of("spark.sql.session.timeZone", "Europe/Stockholm"),
            () -> judge(events, "freshness: {column: day, max_age: 48h}"));
    assertEquals(Status.FAIL, stockholm.status());
    assertEquals(
        "day: the newest value, 2024-02-29T23:00:00Z, is 2d 1h old; allowed ≤ 2d — rules/test.yaml:5",
        stockholm.explanation());
  }

  @Test
  void aTimestampWithoutTimeZoneIsWallClockTimeInTheSessionTimeZone() {
    Outcome o = judge(events, "freshness: {column: local_time, max_age: 36h}");
    assertEquals(Status.PASS, o.status());
    assertEquals(36 * 3600_000.0, o.observed());
  }

  @Test
  void readsJava8TimeValuesAlike() {
    Map<String, String> java8 = Map.of("spark.sql.datetime.java8API.enabled", "true");
    assertEquals(
        36 * 3600_000.0,
        SparkTestSession.withSQLConf(
                java8, () -> judge(events, "freshness: {column: event_time, max_age: 36h}"))
            .observed());
    assertEquals(
        48 * 3600_000.0,
        SparkTestSession.withSQLConf(
                java8, () -> judge(events, "freshness: {column: day, max_age: 48h}"))
            .observed());
  }

  @Test
  void noNonNullValueBreaches() {
    Outcome allNull = judge(events, "freshness: {column: never, max_age: 1d}");
    assertEquals(Status.FAIL, allNull.status());
    assertEquals(
        "never: no non-null value, so the newest is unknown; expected one at most 1d old — rules/test.yaml:5",
        allNull.explanation());
    Outcome empty = judge(events.limit(0), "freshness: {column: event_time, max_age: 1d}");
    assertEquals(Status.FAIL, empty.status());
    assertEquals(0L, empty.total());
  }

  @Test
  void aColumnThatIsNotADateOrTimestampIsAnError() {
    Outcome o = judge(events, "freshness: {column: name, max_age: 1d}");
    assertEquals(Status.ERROR, o.status());
    assertEquals(
        "name: cannot check freshness because column name is string, and freshness needs a date or timestamp"
            + " column — rules/test.yaml:5",
        o.explanation());
  }
}
