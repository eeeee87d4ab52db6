package io.dqgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean": typos are found, unrelated words are not. */
class LexiconTest {
  private static final List<String> CHECKS =
      List.copyOf(new java.util.TreeSet<>(Lexicon.CHECK_KEYS.keySet()));

  @Test
  void editDistanceCountsASwapAsOneEdit() {
    assertEquals(0, Spelling.distance("range", "range"));
    assertEquals(1, Spelling.distance("rnage", "range"));
    assertEquals(1, Spelling.distance("rang", "range"));
    assertEquals(2, Spelling.distance("rnag", "range"));
    assertEquals(5, Spelling.distance("", "range"));
  }

  @Test
  void closestFindsTyposCaseAndSwaps() {
    assertEquals("not_null", Lexicon.closest("notnull", CHECKS));
    assertEquals("not_null", Lexicon.closest("NOT_NULL", CHECKS));
    assertEquals("unique", Lexicon.closest("uniqe", CHECKS));
    assertEquals("iqr_outliers", Lexicon.closest("iqr_outlier", CHECKS));
    assertEquals("match", Lexicon.closest("mtach", Lexicon.DATASET_KEYS));
    assertNull(Lexicon.closest("completeness", CHECKS));
    assertNull(Lexicon.closest("x", List.of("k", "id")), "one letter is too short to guess from");
  }

  @Test
  void suggestEndsAnUnknownWordMessage() {
    assertEquals(": did you mean \"range\"?", Lexicon.suggest("rnage", CHECKS));
    assertEquals(
        ": use one of path, table, view, stage", Lexicon.suggest("file", Lexicon.MATCH_KEYS));
  }
}
