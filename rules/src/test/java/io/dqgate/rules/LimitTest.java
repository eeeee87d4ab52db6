package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.check.Limit;
import io.dqgate.rules.check.NotNull;
import io.dqgate.rules.check.Range;
import org.junit.jupiter.api.Test;

/** How max_count and max_fraction read: none given means no offending row is allowed. */
class LimitTest {

  @Test
  void withNoLimitNothingIsAllowed() {
    assertTrue(Limit.NONE_ALLOWED.allows(0, 1000));
    assertTrue(Limit.NONE_ALLOWED.allows(0, 0));
    assertFalse(Limit.NONE_ALLOWED.allows(1, 1_000_000));
    assertEquals("none allowed", Limit.NONE_ALLOWED.describe());
    assertEquals(Limit.NONE_ALLOWED, ((NotNull) rule("- not_null: {column: a}")).limit());
  }

  @Test
  void maxCountIsInclusive() {
    Limit limit = new Limit(5L, null);
    assertTrue(limit.allows(5, 10));
    assertFalse(limit.allows(6, 1_000_000));
    assertEquals("≤ 5 rows", limit.describe());
    assertEquals("≤ 1 row", new Limit(1L, null).describe());
    assertFalse(new Limit(0L, null).allows(1, 10), "max_count: 0 is the same as no limit");
  }

  @Test
  void maxFractionIsInclusiveAndAnEmptyDatasetPasses() {
    Limit limit = new Limit(null, 0.001);
    assertTrue(limit.allows(1, 1000));
    assertFalse(limit.allows(2, 1000));
    assertTrue(limit.allows(0, 0));
    assertEquals("≤ 0.1%", limit.describe());
    assertTrue(new Limit(null, 1.0).allows(10, 10));
  }

  @Test
  void withBothEveryLimitMustHold() {
    Limit limit = new Limit(10L, 0.01);
    assertTrue(limit.allows(10, 1000));
    assertFalse(limit.allows(11, 100_000), "within 1% but more than 10 rows");
    assertFalse(limit.allows(2, 100), "at most 10 rows but more than 1%");
    assertEquals("≤ 10 rows and ≤ 1%", limit.describe());
  }

  @Test
  void parsedFromTheRule() {
    assertEquals(
        new Limit(3L, 0.05),
        ((Range) rule("- range: {column: a, min: 0, max_count: 3, max_fraction: 0.05}")).limit());
    assertEquals(
        new Limit(0L, null), ((NotNull) rule("- not_null: {column: a, max_count: 0}")).limit());
  }
}
