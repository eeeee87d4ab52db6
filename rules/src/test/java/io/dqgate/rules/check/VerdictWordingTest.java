package io.dqgate.rules.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.rules.Formats;
import org.junit.jupiter.api.Test;

/** A count-of-offending-rows sentence agrees in number: "1 of 1 row is", "0 of 2 rows are". */
class VerdictWordingTest {
  private static String sentence(long offending, long rows, String what) {
    return Verdict.limited("amount", Limit.NONE_ALLOWED, offending, rows, what).sentence();
  }

  @Test
  void oneRowTakesTheSingular() {
    assertEquals("amount: 1 of 1 row (100%) is null; none allowed", sentence(1, 1, "are null"));
    assertEquals("amount: 0 of 1 row is null; none allowed", sentence(0, 1, "are null"));
  }

  @Test
  void theVerbAgreesWithRowsNotWithTheOffendingCount() {
    assertEquals(
        "amount: 1 of 4 rows (25%) hold a value outside the 2 allowed values; none allowed",
        sentence(1, 4, "hold a value outside the 2 allowed values"));
  }

  @Test
  void manyRowsKeepThePlural() {
    assertEquals("amount: 0 of 2 rows are null; none allowed", sentence(0, 2, "are null"));
    assertEquals(
        "amount: 3 of 4 rows (75%) repeat a key of an earlier row; none allowed",
        sentence(3, 4, "repeat a key of an earlier row"));
  }

  @Test
  void rowCountsCarryTheirNoun() {
    // As row_count and expression sentences print them: "holds for 1 of 1 row", not "1 rows".
    assertEquals("1 row", Formats.rows(1));
    assertEquals("0 rows", Formats.rows(0));
    assertEquals("48,211 rows", Formats.rows(48_211));
  }
}
