package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FmtTest {
  @Test
  void formatsForPeople() {
    assertEquals("1,204,331", Fmt.count(1_204_331L));
    assertEquals("—", Fmt.count((Long) null));
    assertEquals("312", Fmt.number(312.0));
    assertEquals("0.3333", Fmt.number(1.0 / 3));
    assertEquals("1,200,000,000", Fmt.number(1.2e9));
    assertEquals("∞", Fmt.number(Double.POSITIVE_INFINITY));
    assertEquals("0.65%", Fmt.percent(312.0 / 48_102));
    assertEquals("2.4%", Fmt.percent(1_157.0 / 48_211));
    assertEquals("<0.001%", Fmt.percent(1e-7));
    assertEquals("1.9 GiB", Fmt.bytes(2_040_109_465L));
    assertEquals("12.3 MiB", Fmt.bytes(12_897_485L));
    assertEquals("512 B", Fmt.bytes(512));
    assertEquals("3 min 02 s", Fmt.millis(182_000));
    assertEquals("158×", Fmt.ratio(158.2));
    assertEquals("1.4×", Fmt.ratio(1.43));
    assertEquals(
        "12 min 34 s",
        Fmt.duration(
            Instant.parse("2024-06-10T02:00:00Z"), Instant.parse("2024-06-10T02:12:34.318Z")));
    assertEquals("…s/dt=2024-06-10", Fmt.tail("s3a://lake/landing/events/dt=2024-06-10", 16));
    assertEquals("churn_fe…", Fmt.head("churn_features", 9));
  }
}
