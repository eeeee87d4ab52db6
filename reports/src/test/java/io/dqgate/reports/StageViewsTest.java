package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.StageSummary.Distribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence under a stage's charts says which skew it shows: shuffle first, else run time. */
class StageViewsTest {
  private static String note(Distribution shuffle, Distribution runTime) {
    StageSummary s =
        new StageSummary(3, 0, "join", null, null, 200, 0, shuffle, runTime, 0, 0, 0, 0, 0, 0, 0);
    return StageViews.skewCharts(List.of(s)).get(0).note();
  }

  @Test
  void aShuffleSkewNamesTheHotPartition() {
    assertEquals(
        "The largest task read "
            + Fmt.bytes(79_100)
            + " of shuffle, 158× the median task's "
            + Fmt.bytes(500)
            + ": one partition holds most of the data (a hot join or grouping key), and the stage"
            + " waits for it.",
        note(new Distribution(0, 400, 500, 600, 900, 79_100), even()));
  }

  @Test
  void aRunTimeSkewNamesTheStraggler() {
    assertEquals(
        "The slowest task ran "
            + Fmt.millis(182_000)
            + ", 182× the median task's "
            + Fmt.millis(1_000)
            + ": the stage waits for a straggler.",
        note(even(), new Distribution(0, 900, 1_000, 1_100, 1_500, 182_000)));
  }

  @Test
  void anEvenStageHasNoNote() {
    assertNull(note(even(), even()));
  }

  private static Distribution even() {
    return new Distribution(90, 95, 100, 105, 110, 120);
  }
}
