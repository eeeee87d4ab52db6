package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.parse;
import static io.dqgate.rules.RuleTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dqgate.rules.check.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule ids: derived or explicit, and unique within a file and across the files loaded together. */
class RuleIdTest {

  @Test
  void derivedIdsAreDatasetCheckAndColumnNumberedWhenRepeated() {
    RuleFile file =
        parse(
            checks(
                "- not_null: {column: a}",
                "- not_null: {column: a, max_count: 5, severity: warn}",
                "- not_null: {column: a, id: a_present}",
                "- row_count: {min: 1}",
                "- row_count: {max: 10}",
                "- duplicates: {columns: [a, b]}",
                "- not_null: {column: a}"));
    assertEquals(
        List.of(
            "orders.not_null.a",
            "orders.not_null.a#2",
            "a_present",
            "orders.row_count",
            "orders.row_count#2",
            "orders.duplicates.a,b",
            "orders.not_null.a#3"),
        file.datasets().get(0).checks().stream().map(Check::id).toList());
  }

  @Test
  void anExplicitIdUsedTwiceInAFile() {
    assertEquals(
        List.of(
            "r.yaml:6:40: rule id \"amount_ok\" is already used at line 5: give each rule its own id"),
        problems(
            checks(
                "- range: {column: amount, min: 0, id: amount_ok}",
                "- not_null: {column: amount, id: amount_ok}")));
  }

  @Test
  void anExplicitIdEqualToADerivedOrPerColumnId() {
    assertEquals(
        List.of(
            "r.yaml:6:40: rule id \"orders.not_null.a\" is already used at line 5: give each rule its own id",
            "r.yaml:8:33: rule id \"keys.b\" is already used at line 7: give each rule its own id",
            "r.yaml:10:9: rule id \"orders.not_null.c\", derived from the dataset and check, is already"
                + " used at line 9: give one of the two rules another id"),
        problems(
            checks(
                "- not_null: {column: a}",
                "- range: {column: a, min: 0, id: orders.not_null.a}",
                "- not_null: {columns: [a, b], id: keys}",
                "- unique: {column: b, id: keys.b}",
                "- row_count: {min: 1, id: orders.not_null.c}",
                "- not_null: {column: c}")));
  }

  @Test
  void anIdGivenTwiceToRulesPerColumnIsReportedOnce() {
    assertEquals(
        List.of(
            "r.yaml:6:41: rule id \"keys\" is already used at line 5: give each rule its own id"),
        problems(
            checks(
                "- not_null: {columns: [a, b], id: keys}",
                "- not_null: {columns: [a, c], id: keys}")));
  }

  @Test
  void idsMustBeUniqueAcrossFilesLoadedTogether(@TempDir Path dir) throws IOException {
    Path a =
        Files.writeString(
            dir.resolve("a.yaml"),
            """
            datasets:
              - name: orders
                match: {table: sales.orders}
                checks:
                  - not_null: {column: order_id}
                  - row_count: {min: 1, id: orders_present}
            """);
    Path b =
        Files.writeString(
            dir.resolve("b.yaml"),
            """
            datasets:
              - name: orders
                match: {path: out/orders}
                checks:
                  - row_count: {min: 10, id: orders_present}
                  - not_null: {column: order_id}
                  - not_null: {column: amount}
            """);
    List<String> expected =
        List.of(
            b
                + ":5:9: rule id \"orders_present\" is already used at "
                + a
                + ":6: give each rule its own id",
            b
                + ":6:9: rule id \"orders.not_null.order_id\", derived from the dataset name, is already used at "
                + a
                + ":5: rename one of the two datasets or give the rules explicit ids");
    RuleFileException loaded =
        assertThrows(RuleFileException.class, () -> RuleParser.load(List.of(a, b)));
    assertEquals(expected, loaded.problems().stream().map(RuleProblem::toString).toList());

    List<RuleFile> oneByOne =
        List.of(
            RuleParser.parse(a.toString(), Files.readString(a)),
            RuleParser.parse(b.toString(), Files.readString(b)));
    RuleFileException combined =
        assertThrows(RuleFileException.class, () -> RuleParser.combine(oneByOne));
    assertEquals(expected, combined.problems().stream().map(RuleProblem::toString).toList());
  }
}
