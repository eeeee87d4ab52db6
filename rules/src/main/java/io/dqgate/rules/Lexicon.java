package io.dqgate.rules;

import io.dqgate.rules.check.CheckKinds;
import io.dqgate.rules.check.Limit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of the rule language outside the checks (file, dataset, match, rule envelope), and "did
 * you mean" for the ones people mistype. Each check's keys are declared by its kind ({@link
 * CheckKinds}).
 */
final class Lexicon {
  private Lexicon() {}

  static final List<String> FILE_KEYS = List.of("version", "severity", "datasets");
  static final List<String> DATASET_KEYS =
      List.of("name", "description", "severity", "match", "checks", "diagnostics");
  static final List<String> COMMON_KEYS = List.of("id", "severity", "description");
  static final List<String> LIMIT_KEYS = Limit.KEYS;
  static final List<String> MATCH_KEYS = List.of("path", "table", "view", "stage");

  /** Keys each data check takes besides {@link #COMMON_KEYS}, from the kinds. */
  static final Map<String, List<String>> CHECK_KEYS = CheckKinds.keys(false);

  /** Keys each diagnostic takes besides {@link #COMMON_KEYS}, from the kinds. */
  static final Map<String, List<String>> DIAGNOSTIC_KEYS = CheckKinds.keys(true);

  static final Set<String> SIMPLE_TYPES =
      Set.of(
          "any",
          "string",
          "boolean",
          "tinyint",
          "byte",
          "smallint",
          "short",
          "int",
          "integer",
          "bigint",
          "long",
          "float",
          "double",
          "decimal",
          "date",
          "timestamp",
          "timestamp_ntz",
          "binary",
          "void",
          "timestamp_ltz");

  /** See {@link Spelling#closest}. */
  static String closest(String word, Collection<String> known) {
    return Spelling.closest(word, known);
  }

  /**
   * The end of an "unknown X" message: {@code : did you mean "x"?} for a likely typo, else {@code :
   * use one of a, b, c}.
   */
  static String suggest(String word, Collection<String> known) {
    String close = closest(word, known);
    return close != null
        ? ": did you mean \"" + close + "\"?"
        : ": use one of " + String.join(", ", known);
  }
}
