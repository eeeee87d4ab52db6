package io.dqgate.spark.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  @Test
  void boundsAreRoundedOutward() {
    assertEquals("0", Thresholds.lower("1.52", false).toPlainString());
    assertEquals("-1300", Thresholds.lower("-1234.5", false).toPlainString());
    assertEquals("-0.013", Thresholds.lower("-0.0121", false).toPlainString());
    assertEquals("5100", Thresholds.upper("5011.67", false).toPlainString());
    assertEquals("0.0034", Thresholds.upper("0.00331", false).toPlainString());
    assertEquals("-120", Thresholds.upper("-123", true).toPlainString());
    assertEquals("10", Thresholds.upper("9.1", true).toPlainString());
    assertEquals("100000000", Thresholds.upper("1.0E8", false).toPlainString());
  }

  @Test
  void rowCountMinIsHalfRoundedDown() {
    assertEquals(10_000, Thresholds.rowCountMin(20_000));
    assertEquals(6_100, Thresholds.rowCountMin(12_345));
    assertEquals(0, Thresholds.rowCountMin(1));
  }

  @Test
  void missingLimitKeepsAMarginAndDeequsBound() {
    // 1% of 10,000: 0.01 + 1.96 * sqrt(0.01 * 0.99 / 10000) = 0.01195 → 0.012
    assertEquals("0.012", Thresholds.missingMax(100, 10_000, null).toPlainString());
    assertEquals("0.02", Thresholds.missingMax(100, 10_000, 0.02).toPlainString());
    assertEquals("1", Thresholds.missingMax(10, 10, null).toPlainString());
    // 4.93% missing of 20,000 with Deequ's completeness >= 0.94: Deequ's bound is the larger
    assertEquals("0.06", Thresholds.missingMax(986, 20_000, 0.06).toPlainString());
  }

  @Test
  void yamlQuotesWhatWouldNotReadBackAsText() {
    assertEquals(
        "[grocery, \"NO\", \"012\", \"a b\", \"on\", x_1]",
        Yaml.list(List.of("grocery", "NO", "012", "a b", "on", "x_1")));
    assertEquals("transactions_2024", SuggestTarget.nameOf("/data/Transactions-2024.csv"));
  }
}
