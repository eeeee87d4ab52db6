package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.diagnostics;
import static io.dqgate.rules.RuleTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of mistake in a rule file gives one problem, at the line and column to fix, saying
 * what is wrong and how to fix it.
 */
class ValidationTest {

  // ------------------------------------------------------------------ unknown names

  @Test
  void unknownCheckSuggestsTheClosestName() {
    assertEquals(
        List.of("r.yaml:5:9: unknown check \"not_nul\": did you mean \"not_null\"?"),
        problems(checks("- not_nul: {column: user_id}")));
    assertEquals(
        List.of("r.yaml:5:9: unknown check \"Unique\": did you mean \"unique\"?"),
        problems(checks("- Unique: {column: id}")));
    assertEquals(
        List.of("r.yaml:5:9: unknown check \"alowed_vaules\": did you mean \"allowed_values\"?"),
        problems(checks("- alowed_vaules: {column: c, values: [a]}")));
  }

  @Test
  void unknownCheckWithNothingCloseListsTheChecks() {
    assertEquals(
        List.of(
            "r.yaml:5:9: unknown check \"completeness\": use one of allowed_values, anomaly, change,"
                + " cross_stage, duplicates, expression, freshness, iqr_outliers, not_null, range, references, row_count, schema, unique"),
        problems(checks("- completeness: {column: updated_at}")));
  }

  @Test
  void unknownDiagnostic() {
    assertEquals(
        List.of("r.yaml:5:9: unknown diagnostic \"spil\": did you mean \"spill\"?"),
        problems(diagnostics("- spil: {max_bytes: 1GB}")));
    assertEquals(
        List.of(
            "r.yaml:5:9: unknown diagnostic \"gc_time\": use one of partition_skew, partitions, small_files, spill"),
        problems(diagnostics("- gc_time: {}")));
  }

  @Test
  void unknownKeyInACheck() {
    assertEquals(
        List.of(
            "r.yaml:5:31: unknown key \"max_fractoin\" in \"not_null\": did you mean \"max_fraction\"?"),
        problems(checks("- not_null: {column: a, max_fractoin: 0.1}")));
    assertEquals(
        List.of(
            "r.yaml:5:36: unknown key \"maximum\" in \"range\": use one of column, min, max, min_inclusive,"
                + " max_inclusive, max_count, max_fraction, id, severity, description"),
        problems(checks("- range: {column: a, min: 0, maximum: 5}")));
  }

  @Test
  void aMisspelledRequiredKeyIsReportedOnceNotAlsoAsMissing() {
    assertEquals(
        List.of("r.yaml:5:20: unknown key \"colum\" in \"not_null\": did you mean \"column\"?"),
        problems(checks("- not_null: {colum: user_id}")));
    assertEquals(
        List.of(
            "r.yaml:5:37: unknown key \"valeus\" in \"allowed_values\": did you mean \"values\"?"),
        problems(checks("- allowed_values: {column: c, valeus: [a, b]}")));
  }

  @Test
  void unknownKeysInDatasetBlocksMatchAndAtTheTop() {
    assertEquals(
        List.of(
            "r.yaml:1:1: unknown key \"severty\" at the top of a rule file: did you mean \"severity\"?",
            "r.yaml:3:5: unknown key \"nmae\" in a dataset block: did you mean \"name\"?",
            "r.yaml:4:13: unknown key \"paht\" in \"match\": did you mean \"path\"?",
            "r.yaml:5:5: unknown key \"owner\" in a dataset block: use one of name, description, severity,"
                + " match, checks, diagnostics"),
        problems(
            """
            severty: warn
            datasets:
              - nmae: orders
                match: {paht: out/orders}
                owner: sales
                checks:
                  - not_null: {column: a}
            """));
    assertEquals(
        List.of(
            "r.yaml:1:1: unknown key \"dataset\" at the top of a rule file: did you mean \"datasets\"?"),
        problems("dataset:\n  - name: a\n"));
  }

  // ------------------------------------------------------------------ wrong types

  @Test
  void wrongTypesNameTheKeyTheExpectationAndWhatWasFound() {
    assertEquals(
        List.of(
            "r.yaml:5:28: \"column\" must be a non-empty text, not the number 5",
            "r.yaml:6:42: \"max_count\" must be a whole number ≥ 0, not the number -1",
            "r.yaml:7:42: \"max_count\" must be a whole number ≥ 0, not the number 2.5",
            "r.yaml:8:51: \"min_inclusive\" must be true or false, not the text \"maybe\"",
            "r.yaml:9:33: \"min\" must be a number or a date like 2024-01-31, not the boolean true",
            "r.yaml:10:45: \"values\" must be a non-empty list, e.g. [EUR, USD], not the text \"EUR\"",
            "r.yaml:11:38: \"k\" must be a number > 0, not the number 0",
            "r.yaml:12:26: \"min\" must be a whole number ≥ 0, not the text \"ten\"",
            "r.yaml:13:27: \"sql\" must be a non-empty text, not a list",
            "r.yaml:14:35: \"id\" must be a non-empty text, not the text \"\"",
            "r.yaml:15:35: \"id\" must be a non-empty text, not the number 7",
            "r.yaml:16:41: \"severity\" must be \"warn\" or \"fail\", not the text \"error\"",
            "r.yaml:17:44: \"description\" must be a non-empty text, not nothing (null)"),
        problems(
            checks(
                "- not_null: {column: 5}",
                "- not_null: {column: a, max_count: -1}",
                "- not_null: {column: a, max_count: 2.5}",
                "- range: {column: a, min: 0, min_inclusive: maybe}",
                "- range: {column: a, min: true}",
                "- allowed_values: {column: a, values: EUR}",
                "- iqr_outliers: {column: a, k: 0}",
                "- row_count: {min: ten}",
                "- expression: {sql: [a > 0]}",
                "- not_null: {column: a, id: \"\"}",
                "- not_null: {column: a, id: 7}",
                "- not_null: {column: a, severity: error}",
                "- not_null: {column: a, description: ~}")));
  }

  @Test
  void wrongTypesOfBlocksAndLists() {
    assertEquals(
        List.of(
            "r.yaml:2:3: \"datasets\" must be a list of dataset blocks (each starting with \"- name:\"), not a mapping"),
        problems("datasets:\n  orders: {}\n"));
    assertEquals(
        List.of(
            "r.yaml:2:11: \"name\" must be a non-empty text, not a list",
            "r.yaml:3:12: \"match\" must map path, table, view or stage to names, e.g. {path: out/orders}, not the text \"out/orders\"",
            "r.yaml:4:13: \"checks\" must be a list of rules, each starting with \"- \", not a mapping",
            "r.yaml:5:5: a dataset block must be a mapping with name, match and checks, not the text \"just text\""),
        problems(
            """
            datasets:
              - name: [orders]
                match: out/orders
                checks: {not_null: {column: a}}
              - just text
            """));
  }

  @Test
  void aRuleIsAMappingFromOneCheckToItsSettings() {
    assertEquals(
        List.of(
            "r.yaml:5:9: a rule must be a mapping from the check to its settings, e.g."
                + " \"- not_null: {column: user_id}\", not the text \"not_null\"",
            "r.yaml:6:19: the settings of \"not_null\" must be a mapping, e.g. not_null: {column: ...},"
                + " not the text \"user_id\"",
            "r.yaml:7:9: a rule must have one key, the check, not 2 (not_null, column): put the settings"
                + " inside the check, e.g. \"- not_null: {column: user_id}\"",
            "r.yaml:9:9: a rule must have one key, the check, not 2 (not_null, severity): put the settings"
                + " inside the check, e.g. \"- not_null: {column: user_id}\"",
            "r.yaml:11:9: a rule must have one key, the check, not 0: put the settings inside the check, e.g."
                + " \"- not_null: {column: user_id}\""),
        problems(
            checks(
                "- not_null",
                "- not_null: user_id",
                "- not_null:",
                "  column: user_id",
                "- not_null: {column: a}",
                "  severity: warn",
                "- {}")));
  }

  @Test
  void version() {
    assertEquals(
        List.of(
            "r.yaml:1:10: \"version\" must be 1, not the number 2: this dqgate reads version 1 rule files"),
        problems("version: 2\n" + checks("- row_count: {min: 1}")));
    assertEquals(
        List.of(
            "r.yaml:1:10: \"version\" must be 1, not the text \"1\": this dqgate reads version 1 rule files"),
        problems("version: \"1\"\n" + checks("- row_count: {min: 1}")));
  }

  @Test
  void yamlWordsThatAreNotWhatTheyLookLikeAreCaughtInValues() {
    assertEquals(
        List.of(
            "r.yaml:5:56: NO is read by YAML as the boolean false: write \"NO\" in quotes for the text, or false"
                + " for the boolean",
            "r.yaml:5:70: on is read by YAML as the boolean true: write \"on\" in quotes for the text, or true for"
                + " the boolean",
            "r.yaml:5:74: 012 is read by YAML as the number 10: write \"012\" in quotes for the text, or 10 for"
                + " the number",
            "r.yaml:6:28: \"column\" must be a non-empty text, not yes, which YAML reads as the boolean true"
                + " (quote it to mean the text)"),
        problems(
            checks(
                "- allowed_values: {column: country, values: [SE, NO, DK, \"FI\", on, 012]}",
                "- not_null: {column: yes}")));
  }

  // ------------------------------------------------------------------ bounds and thresholds

  @Test
  void minGreaterThanMax() {
    assertEquals(
        List.of(
            "r.yaml:5:33: min 10 is greater than max 1.5: swap them",
            "r.yaml:6:33: min \"2024-12-31\" is after max \"2024-01-01\": swap them",
            "r.yaml:7:26: min 100 is greater than max 10: swap them"),
        problems(
            checks(
                "- range: {column: a, min: 10, max: 1.5}",
                "- range: {column: d, min: 2024-12-31, max: 2024-01-01}",
                "- row_count: {min: 100, max: 10}")));
    assertEquals(
        List.of("r.yaml:5:27: min 20 is greater than max 10: swap them"),
        problems(diagnostics("- partitions: {min: 20, max: 10}")));
  }

  @Test
  void rangesThatCannotHoldAValue() {
    assertEquals(
        List.of(
            "r.yaml:5:59: the range [5, 5) contains no value: make both bounds inclusive or widen the range",
            "r.yaml:6:41: \"min\" is a number but \"max\" is a date: give both as numbers or both as dates",
            "r.yaml:7:33: \"min\" must be a real date, not \"2024-02-30\": check the month, day and time",
            "r.yaml:8:33: \"max\" must be a number or a date like 2024-01-31, not the number Infinity: leave"
                + " \"max\" out for no bound"),
        problems(
            checks(
                "- range: {column: a, min: 5, max: 5, max_inclusive: false}",
                "- range: {column: a, min: 0, max: 2024-01-01}",
                "- range: {column: d, min: 2024-02-30}",
                "- range: {column: a, max: .inf}")));
  }

  @Test
  void fractionsOutsideZeroToOneSayHowToWriteAPercentage() {
    assertEquals(
        List.of(
            "r.yaml:5:45: \"max_fraction\" must be a fraction between 0 and 1, not 5: for 5% write 0.05",
            "r.yaml:6:45: \"max_fraction\" must be a fraction between 0 and 1, not the text \"0.5%\": for 0.5%"
                + " write 0.005",
            "r.yaml:7:49: \"max_fraction\" must be a fraction between 0 and 1, not -0.1",
            "r.yaml:8:64: \"max_fraction\" must be a fraction between 0 and 1, not 250",
            "r.yaml:9:48: \"min_fraction\" must be a fraction between 0 and 1, not 99: for 99% write 0.99"),
        problems(
            checks(
                "- not_null: {column: a, max_fraction: 5}",
                "- not_null: {column: b, max_fraction: 0.5%}",
                "- iqr_outliers: {column: c, max_fraction: -0.1}",
                "- allowed_values: {column: d, values: [x], max_fraction: 250}",
                "- expression: {sql: a > 0, min_fraction: 99}")));
    assertEquals(
        List.of(
            "r.yaml:5:42: \"max_empty_fraction\" must be a fraction between 0 and 1, not 50: for 50% write 0.5"),
        problems(diagnostics("- partitions: {max_empty_fraction: 50}")));
  }

  @Test
  void diagnosticSettings() {
    assertEquals(
        List.of(
            "r.yaml:5:34: \"metric\" must be \"bytes\" (shuffle-read bytes) or \"time\" (task run time), not the"
                + " text \"rows\"",
            "r.yaml:5:51: \"max_ratio\" must be at least 1, not 0.5: it is the largest task divided by the median task",
            "r.yaml:5:67: \"min_bytes\" must be a size like 64MB or a number of bytes, not the text \"big\"",
            "r.yaml:6:28: \"max_bytes\" must be a size like 64MB or a number of bytes, not the number -1",
            "r.yaml:7:34: \"min_files\" must be at most 2147483647, not 99999999999",
            "r.yaml:8:38: \"min_avg_bytes\" must be a size like 64MB or a number of bytes, not the text \"64XB\""),
        problems(
            diagnostics(
                "- partition_skew: {metric: rows, max_ratio: 0.5, min_bytes: big}",
                "- spill: {max_bytes: -1}",
                "- small_files: {min_files: 99999999999}",
                "- small_files: {min_avg_bytes: 64XB}")));
  }

  @Test
  void numbersYamlHasButRulesDoNotTake() {
    assertEquals(
        List.of(
            "r.yaml:5:34: \"max\" must be at most 9223372036854775807, not 99999999999999999999",
            "r.yaml:6:45: \"max_fraction\" must be a fraction between 0 and 1, not NaN",
            "r.yaml:7:38: \"k\" must be a number > 0, not the number Infinity"),
        problems(
            checks(
                "- row_count: {min: 1, max: 99999999999999999999}",
                "- not_null: {column: a, max_fraction: .nan}",
                "- iqr_outliers: {column: a, k: .inf}")));
  }

  // ------------------------------------------------------------------ required keys

  @Test
  void missingRequiredKeysAreReportedAtTheCheck() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"not_null\" needs \"column\" or \"columns\": add the column to check, e.g. column: user_id",
            "r.yaml:6:9: \"unique\" needs \"column\" or \"columns\": add the column to check, e.g. column: user_id",
            "r.yaml:7:9: \"range\" needs \"column\": add the column to check, e.g. column: amount",
            "r.yaml:8:9: \"range\" needs \"min\", \"max\" or both: add at least one bound, e.g. min: 0",
            "r.yaml:9:9: \"iqr_outliers\" needs \"column\": add the column to check, e.g. column: amount",
            "r.yaml:10:9: \"row_count\" needs \"min\", \"max\" or both: add at least one bound, e.g. min: 1",
            "r.yaml:11:9: \"allowed_values\" needs \"values\": add the list of allowed values, e.g."
                + " values: [EUR, USD]",
            "r.yaml:12:9: \"expression\" needs \"sql\": add the condition each row must meet, e.g."
                + " sql: \"amount >= 0\"",
            "r.yaml:13:9: \"schema\" needs \"columns\": add the expected columns and their types, e.g."
                + " columns: {user_id: string}"),
        problems(
            checks(
                "- not_null:",
                "- unique: {max_count: 1}",
                "- range: {min: 0}",
                "- range: {column: a}",
                "- iqr_outliers: {k: 3}",
                "- row_count: {}",
                "- allowed_values: {column: a}",
                "- expression: {min_fraction: 0.9}",
                "- schema: {allow_extra: false}")));
    assertEquals(
        List.of(
            "r.yaml:5:9: \"partitions\" needs \"min\", \"max\" or \"max_empty_fraction\": add at least one"
                + " limit, e.g. max: 2000"),
        problems(diagnostics("- partitions:")));
  }

  @Test
  void columnAndColumns() {
    assertEquals(
        List.of(
            "r.yaml:5:40: both \"column\" and \"columns\" are given: keep one of them",
            "r.yaml:6:33: \"columns\" lists \"a\" twice: remove the repeat",
            "r.yaml:7:27: \"columns\" must be a non-empty list of column names, e.g. [order_id, line_no], not a list",
            "r.yaml:8:31: \"columns\" must be a non-empty list of column names, e.g. [order_id, line_no], not the text \"a\"",
            "r.yaml:9:28: \"columns\" must list column names, not the number 1"),
        problems(
            checks(
                "- not_null: {column: a, columns: [b]}",
                "- not_null: {columns: [a, a]}",
                "- unique: {columns: []}",
                "- duplicates: {columns: a}",
                "- unique: {columns: [1]}")));
  }

  // ------------------------------------------------------------------ values and types

  @Test
  void allowedValuesMustBePlainDistinctPresentValues() {
    assertEquals(
        List.of(
            "r.yaml:5:51: \"values\" cannot contain null: missing values are checked by not_null, remove it",
            "r.yaml:5:57: \"values\" cannot contain NaN: NaN is missing, like null, and checked by not_null;"
                + " remove it",
            "r.yaml:5:63: \"values\" lists EUR twice: remove the repeat",
            "r.yaml:5:68: \"values\" must list plain values (texts, numbers, true or false), not a list",
            "r.yaml:6:49: \"values\" lists 1.0 twice: remove the repeat"),
        problems(
            checks(
                "- allowed_values: {column: c, values: [EUR, null, .nan, EUR, [x]]}",
                "- allowed_values: {column: n, values: [1, 1.0]}")));
  }

  @Test
  void unknownSchemaTypes() {
    assertEquals(
        List.of(
            "r.yaml:5:34: unknown type \"strng\" for column \"name\": did you mean \"string\"?",
            "r.yaml:5:46: unknown type \"Integr\" for column \"age\": did you mean \"integer\"?",
            "r.yaml:5:62: unknown type \"money\" for column \"amount\": use a Spark SQL type (string, int, bigint,"
                + " double, decimal(10,2), date, timestamp, ...) or any",
            "r.yaml:5:72: the type of \"n\" must be a Spark SQL type name like string or double, not the number 5",
            "r.yaml:6:27: \"columns\" must map column names to types, e.g. {user_id: string}, not a list",
            "r.yaml:7:27: \"columns\" must map column names to types, e.g. {user_id: string}, not a mapping"),
        problems(
            checks(
                "- schema: {columns: {name: strng, age: Integr, amount: money, n: 5, ok: \"map<string,int>\"}}",
                "- schema: {columns: [a, b]}",
                "- schema: {columns: {}}")));
  }

  // ------------------------------------------------------------------ checks vs diagnostics

  @Test
  void aDiagnosticUnderChecksAndACheckUnderDiagnostics() {
    assertEquals(
        List.of(
            "r.yaml:5:9: \"spill\" is a diagnostic: move it under \"diagnostics:\"",
            "r.yaml:6:9: \"small_files\" is a diagnostic: move it under \"diagnostics:\"",
            "r.yaml:8:9: \"row_count\" is a data check: move it under \"checks:\""),
        problems(
            """
            datasets:
              - name: orders
                match: {path: out/orders}
                checks:
                  - spill: {max_bytes: 1GB}
                  - small_files:
                diagnostics:
                  - row_count: {min: 1}
            """));
  }

  // ------------------------------------------------------------------ file and dataset structure

  @Test
  void emptyDatasetList() {
    assertEquals(
        List.of(
            "r.yaml:1:1: \"datasets\" is empty: add at least one dataset block with its checks"),
        problems("datasets: []\n"));
    assertEquals(
        List.of(
            "r.yaml:2:1: \"datasets\" is empty: add at least one dataset block with its checks"),
        problems("version: 1\ndatasets:\n"));
  }

  @Test
  void missingDatasets() {
    assertEquals(
        List.of(
            "r.yaml:1:1: missing \"datasets\": list the dataset blocks of this file under \"datasets:\""),
        problems("version: 1\nseverity: warn\n"));
    assertEquals(
        List.of(
            "r.yaml:1:1: a rule file must be a mapping with a \"datasets:\" list, not a list: start the file with"
                + " \"datasets:\""),
        problems("- name: orders\n"));
  }

  @Test
  void missingMatchAndName() {
    assertEquals(
        List.of(
            "r.yaml:2:5: missing \"name\" in a dataset block: add one, e.g. name: orders (reports and rule ids use it)",
            "r.yaml:5:5: missing \"match\": say which datasets these rules are for, e.g. match: {path: out/orders}"
                + " (keys: path, table, view, stage)"),
        problems(
            """
            datasets:
              - match: {view: a}
                checks:
                  - row_count: {min: 1}
              - name: b
                checks:
                  - row_count: {min: 1}
            """));
  }

  @Test
  void matchMustNameADataset() {
    assertEquals(
        List.of(
            "r.yaml:3:5: \"match\" names no dataset: give a path, table, view or stage",
            "r.yaml:8:14: \"table\" is an empty list: give at least one name",
            "r.yaml:13:16: \"view\" must be a name or a list of names, not the text \"\"",
            "r.yaml:13:27: \"stage\" must be a name or a list of names, not the number 5"),
        problems(
            """
            datasets:
              - name: a
                match: {}
                checks:
                  - row_count: {min: 1}
              - name: b
                match:
                  table: []
                checks:
                  - row_count: {min: 1}
              - name: c
                match:
                  - {view: "", stage: 5}
                checks:
                  - row_count: {min: 1}
            """));
  }

  @Test
  void aDatasetNeedsRulesAndAUniqueName() {
    assertEquals(
        List.of(
            "r.yaml:2:5: dataset \"a\" has no \"checks:\" or \"diagnostics:\": add at least one rule",
            "r.yaml:5:5: \"checks\" is empty: list at least one rule or remove the key",
            "r.yaml:9:11: dataset name \"a\" is already used at line 2: give each dataset block its own name"),
        problems(
            """
            datasets:
              - name: a
                match: {view: a}
              - name: b
                checks: []
                diagnostics:
                  - spill:
                match: {view: b}
              - name: a
                match: {view: c}
                checks:
                  - row_count: {min: 1}
            """));
  }

  // ------------------------------------------------------------------ all at once

  @Test
  void everyProblemOfAFileIsReportedAtOnceInLineOrder() {
    assertEquals(
        List.of(
            "r.yaml:1:1: unknown key \"sevrity\" at the top of a rule file: did you mean \"severity\"?",
            "r.yaml:6:9: unknown check \"not_nul\": did you mean \"not_null\"?",
            "r.yaml:7:45: \"max_fraction\" must be a fraction between 0 and 1, not 1.5: for 1.5% write 0.015",
            "r.yaml:8:9: \"spill\" is a diagnostic: move it under \"diagnostics:\"",
            "r.yaml:10:5: missing \"name\" in a dataset block: add one, e.g. name: orders (reports and rule ids use it)",
            "r.yaml:13:33: min 5 is greater than max 1: swap them",
            "r.yaml:14:50: \"allow_extra\" must be true or false, not the text \"nope\""),
        problems(
            """
            sevrity: warn
            datasets:
              - name: orders
                match: {path: out/orders}
                checks:
                  - not_nul: {column: a}
                  - not_null: {column: a, max_fraction: 1.5}
                  - spill:
                  - unique: {column: id}
              - match: {table: db.events}
                checks:
                  - row_count: {min: 1}
                  - range: {column: x, min: 5, max: 1}
                  - schema: {columns: {a: int}, allow_extra: nope}
            """));
  }
}
