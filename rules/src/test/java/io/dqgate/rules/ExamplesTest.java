package io.dqgate.rules;

import static io.dqgate.rules.LintTest.lint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.rules.check.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example rule files in examples/rules lint as their comments say. */
class ExamplesTest {
  private static final String VALID = "../examples/rules/valid.yaml";
  private static final String MISTAKES = "../examples/rules/mistakes.yaml";

  @Test
  void theValidExampleUsesEveryCheckAndDiagnostic() {
    assertEquals(
        new LintTest.Result(
            0, VALID + ": OK — 3 datasets, 25 rules (19 fail, 6 warn), 5 diagnostics\n", ""),
        lint(List.of(VALID)));
    RuleSet rules = RuleParser.load(List.of(java.nio.file.Path.of(VALID)));
    assertEquals(
        new java.util.TreeSet<>(
            List.of(
                "allowed_values",
                "duplicates",
                "expression",
                "iqr_outliers",
                "not_null",
                "range",
                "row_count",
                "schema",
                "unique",
                "partition_skew",
                "partitions",
                "spill",
                "small_files")),
        rules.datasets().stream()
            .flatMap(
                d -> java.util.stream.Stream.concat(d.checks().stream(), d.diagnostics().stream()))
            .map(Check::keyword)
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
  }

  @Test
  void everyMistakeIsReportedAtItsLine() {
    assertEquals(
        new LintTest.Result(
            2,
            "",
            String.join(
                "\n",
                MISTAKES + ":9:9: unknown check \"not_nul\": did you mean \"not_null\"?",
                MISTAKES
                    + ":10:36: unknown key \"max_dupes\" in \"unique\": use one of column, columns, max_count,"
                    + " max_fraction, id, severity, description",
                MISTAKES
                    + ":11:55: \"max_fraction\" must be a fraction between 0 and 1, not 5: for 5% write 0.05",
                MISTAKES + ":12:38: min 100 is greater than max 0: swap them",
                MISTAKES
                    + ":14:34: rule id \"orders_present\" is already used at line 13: give each rule its own id",
                MISTAKES + ":15:43: \"k\" must be a number > 0, not the text \"high\"",
                MISTAKES
                    + ":16:56: NO is read by YAML as the boolean false: write \"NO\" in quotes for the text, or"
                    + " false for the boolean",
                MISTAKES + ":17:9: \"spill\" is a diagnostic: move it under \"diagnostics:\"",
                MISTAKES
                    + ":21:48: unknown type \"decmal\" for column \"revenue\": did you mean \"decimal\"?",
                "1 file checked, 9 problems\n")),
        lint(List.of(MISTAKES)));
  }
}
