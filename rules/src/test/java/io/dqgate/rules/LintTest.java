package io.dqgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dqgate lint FILE...}: what it prints and the exit code it returns. */
class LintTest {
  @TempDir Path dir;

  /** The exit code and what went to out and err. */
  record Result(int code, String out, String err) {}

  static Result lint(List<String> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Lint.run(
            files,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  @Test
  void noFilesPrintsUsage() {
    assertEquals(
        new Result(2, "", "usage: dqgate lint FILE...  (checks rule files; see docs/rules.md)\n"),
        lint(List.of()));
  }

  @Test
  void validFilesGetOneSummaryLineEach() throws IOException {
    String orders =
        file(
            "orders.yaml",
            """
            severity: warn
            datasets:
              - name: orders
                severity: fail
                match: {table: sales.orders}
                checks:
                  - not_null: {columns: [order_id, amount]}
                  - unique: {column: order_id}
                  - range: {column: amount, min: 0, severity: warn}
                diagnostics:
                  - spill:
              - name: events
                match: {view: events}
                checks:
                  - row_count: {min: 1}
            """);
    String skew =
        file(
            "skew.json",
            "{\"datasets\": [{\"name\": \"s\", \"match\": {\"stage\": \"s\"},"
                + " \"diagnostics\": [{\"spill\": null}, {\"partition_skew\": null}]}]}");
    assertEquals(
        new Result(
            0,
            orders
                + ": OK — 2 datasets, 5 rules (3 fail, 2 warn), 1 diagnostic\n"
                + skew
                + ": OK — 1 dataset, 0 rules, 2 diagnostics\n",
            ""),
        lint(List.of(orders, skew)));
  }

  @Test
  void everyProblemOfEveryFileGoesToErrWithATotal() throws IOException {
    String good =
        file(
            "good.yaml",
            "datasets:\n  - name: a\n    match: {view: a}\n    checks: [{row_count: {min: 1}}]\n");
    String bad =
        file(
            "bad.yaml",
            """
            datasets:
              - name: b
                match: {view: b}
                checks:
                  - not_nul: {column: x}
                  - range: {column: y, min: 3, max: 1}
            """);
    String missing = dir.resolve("missing.yaml").toString();
    assertEquals(
        new Result(
            2,
            good + ": OK — 1 dataset, 1 rule (1 fail, 0 warn), 0 diagnostics\n",
            bad
                + ":5:9: unknown check \"not_nul\": did you mean \"not_null\"?\n"
                + bad
                + ":6:33: min 3 is greater than max 1: swap them\n"
                + missing
                + ": cannot read the rule file because it does not exist: check the path given to"
                + " spark.dqgate.rules or ./dqgate lint\n"
                + "3 files checked, 3 problems\n"),
        lint(List.of(good, bad, missing)));
  }

  @Test
  void aRuleIdUsedInTwoFilesIsReportedAtTheSecondUse() throws IOException {
    String a =
        file(
            "a.yaml",
            "datasets:\n  - name: a\n    match: {view: a}\n    checks: [{row_count: {min: 1, id: rows}}]\n");
    String b =
        file(
            "b.yaml",
            "datasets:\n  - name: b\n    match: {view: b}\n    checks: [{row_count: {min: 1, id: rows}}]\n");
    assertEquals(
        new Result(
            2,
            a + ": OK — 1 dataset, 1 rule (1 fail, 0 warn), 0 diagnostics\n",
            b
                + ":4:15: rule id \"rows\" is already used at "
                + a
                + ":4: give each rule its own id\n"
                + "2 files checked, 1 problem\n"),
        lint(List.of(a, b)));
  }

  @Test
  void oneFileOneProblem() throws IOException {
    String empty = file("empty.yaml", "");
    assertEquals(
        new Result(
            2,
            "",
            empty
                + ":1:1: the file is empty: a rule file needs a \"datasets:\" list (see docs/rules.md)\n"
                + "1 file checked, 1 problem\n"),
        lint(List.of(empty)));
  }
}
