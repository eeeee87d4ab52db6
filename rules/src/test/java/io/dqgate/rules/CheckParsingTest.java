package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.meta;
import static io.dqgate.rules.RuleTesting.parse;
import static io.dqgate.rules.RuleTesting.rule;
import static io.dqgate.rules.RuleTesting.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dqgate.rules.check.AllowedValues;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.Duplicates;
import io.dqgate.rules.check.Expression;
import io.dqgate.rules.check.IqrOutliers;
import io.dqgate.rules.check.Limit;
import io.dqgate.rules.check.NotNull;
import io.dqgate.rules.check.Range;
import io.dqgate.rules.check.RowCount;
import io.dqgate.rules.check.RuleMeta;
import io.dqgate.rules.check.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every data check parses into the record it describes, with its id, severity and location. */
class CheckParsingTest {

  @Test
  void notNullOnOneColumn() {
    assertEquals(
        new NotNull(meta("orders.not_null.user_id", 5), "user_id", Limit.NONE_ALLOWED),
        rule("- not_null: {column: user_id}"));
  }

  @Test
  void notNullWithColumnsIsOneRulePerColumnWithDerivedIds() {
    Limit limit = new Limit(3L, 0.01);
    assertEquals(
        List.of(
            new NotNull(meta("orders.not_null.user_id", 5), "user_id", limit),
            new NotNull(meta("orders.not_null.order_id", 5), "order_id", limit),
            new NotNull(meta("orders.not_null.amount", 5), "amount", limit)),
        rules(
            "- not_null: {columns: [user_id, order_id, amount], max_count: 3, max_fraction: 0.01}"));
  }

  @Test
  void notNullWithColumnsAndAnIdNamesEachRuleIdDotColumn() {
    assertEquals(
        List.of("keys.user_id", "keys.order_id"),
        rules("- not_null: {columns: [user_id, order_id], id: keys}").stream()
            .map(Check::id)
            .toList());
    // one column in a list is not expanded: the id is used as written
    assertEquals(
        List.of("keys"),
        rules("- not_null: {columns: [user_id], id: keys}").stream().map(Check::id).toList());
  }

  @Test
  void uniqueIsDuplicatesWithColumnsRequired() {
    Check single = rule("- unique: {column: order_id}");
    assertEquals(
        new Duplicates(
            meta("orders.unique.order_id", 5), "unique", List.of("order_id"), Limit.NONE_ALLOWED),
        single);
    assertEquals("order_id", single.column());
    Check pair = rule("- unique: {columns: [order_id, line_no]}");
    assertEquals(
        new Duplicates(
            meta("orders.unique.order_id,line_no", 5),
            "unique",
            List.of("order_id", "line_no"),
            Limit.NONE_ALLOWED),
        pair);
    assertNull(pair.column(), "a rule on two columns is about no single column");
  }

  @Test
  void duplicatesWithoutColumnsComparesWholeRows() {
    assertEquals(
        new Duplicates(meta("orders.duplicates", 5), "duplicates", List.of(), Limit.NONE_ALLOWED),
        rule("- duplicates:"));
    assertEquals(
        new Duplicates(meta("orders.duplicates", 5), "duplicates", List.of(), Limit.NONE_ALLOWED),
        rule("- duplicates: {}"));
  }

  @Test
  void duplicatesWithColumnsAndALimit() {
    assertEquals(
        new Duplicates(
            meta("orders.duplicates.user_id,day", 5),
            "duplicates",
            List.of("user_id", "day"),
            new Limit(10L, null)),
        rule("- duplicates: {columns: [user_id, day], max_count: 10}"));
  }

  @Test
  void rangeWithNumbers() {
    Range range =
        (Range) rule("- range: {column: amount, min: 0, max: 10000.50, max_fraction: 0.001}");
    assertEquals(
        new Range(
            meta("orders.range.amount", 5),
            "amount",
            new BigDecimal("0"),
            new BigDecimal("10000.50"),
            true,
            true,
            new Limit(null, 0.001)),
        range);
    assertEquals("[0, 10000.50]", range.interval());
  }

  @Test
  void rangeWithDatesAndTimestamps() {
    Range range =
        (Range) rule("- range: {column: day, min: 2024-01-01, max: \"2024-12-31 23:59:59\"}");
    assertEquals("2024-01-01", range.min(), "an unquoted date stays the text written");
    assertEquals("2024-12-31 23:59:59", range.max());
    Range iso =
        (Range)
            rule("- range: {column: ts, min: \"2024-01-01T00:00\", max: 2024-06-30T12:00:00.250}");
    assertEquals("2024-01-01T00:00", iso.min());
    assertEquals("2024-06-30T12:00:00.250", iso.max());
  }

  @Test
  void rangeWithExclusiveBoundsAndOneSidedRanges() {
    Range open =
        (Range)
            rule(
                "- range: {column: p, min: 0, max: 1, min_inclusive: false, max_inclusive: false}");
    assertFalse(open.minInclusive());
    assertFalse(open.maxInclusive());
    assertEquals("(0, 1)", open.interval());
    assertEquals("[0, +∞)", ((Range) rule("- range: {column: p, min: 0}")).interval());
    assertEquals(
        "(-∞, 1.5)",
        ((Range) rule("- range: {column: p, max: 1.5, max_inclusive: false}")).interval());
  }

  @Test
  void iqrOutliers() {
    assertEquals(
        new IqrOutliers(meta("orders.iqr_outliers.amount", 5), "amount", 1.5, Limit.NONE_ALLOWED),
        rule("- iqr_outliers: {column: amount}"));
    assertEquals(
        new IqrOutliers(
            meta("orders.iqr_outliers.amount", 5), "amount", 3.0, new Limit(null, 0.01)),
        rule("- iqr_outliers: {column: amount, k: 3, max_fraction: 0.01}"));
  }

  @Test
  void rowCount() {
    assertEquals(
        new RowCount(meta("orders.row_count", 5), 1000L, 2_000_000L),
        rule("- row_count: {min: 1000, max: 2000000}"));
    assertEquals(
        new RowCount(meta("orders.row_count", 5), 1L, null), rule("- row_count: {min: 1}"));
    assertEquals(
        new RowCount(meta("orders.row_count", 5), null, 10L), rule("- row_count: {max: 10}"));
  }

  @Test
  void allowedValuesKeepTextsNumbersAndBooleans() {
    assertEquals(
        new AllowedValues(
            meta("orders.allowed_values.code", 5),
            "code",
            List.of("EUR", "yes", new BigDecimal("1"), new BigDecimal("2.5"), true, "007"),
            new Limit(5L, null)),
        rule(
            "- allowed_values: {column: code, values: [EUR, \"yes\", 1, 2.5, true, \"007\"], max_count: 5}"));
  }

  @Test
  void expression() {
    assertEquals(
        new Expression(meta("orders.expression", 5), "amount >= 0", 1.0),
        rule("- expression: {sql: \"amount >= 0\"}"));
    Check withFraction =
        rule(
            "- expression: {sql: \"ship_date >= order_date\", min_fraction: 0.99, description: Ships after ordering}");
    assertEquals(
        new Expression(
            new RuleMeta(
                "orders.expression",
                Severity.FAIL,
                "Ships after ordering",
                new SourceLocation("r.yaml", 5, 9)),
            "ship_date >= order_date",
            0.99),
        withFraction);
  }

  @Test
  void schemaKeepsColumnOrderAndNormalisesTypes() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("order_id", "string");
    columns.put("amount", "decimal(10,2)");
    columns.put("tags", "array<string>");
    columns.put("extra", "any");
    assertEquals(
        new Schema(meta("orders.schema", 5), columns, false),
        rule(
            "- schema: {columns: {order_id: STRING, amount: \"Decimal(10,2)\", tags: \"array<string>\", extra: any},"
                + " allow_extra: false}"));
    assertEquals(true, ((Schema) rule("- schema: {columns: {a: int}}")).allowExtra());
  }

  @Test
  void blockStyleIsTheSameAsFlowStyle() {
    String block =
        checks(
            "- range:", "    column: amount", "    min: 0", "    max: 100", "    severity: warn");
    assertEquals(
        new Range(
            new RuleMeta(
                "orders.range.amount", Severity.WARN, null, new SourceLocation("r.yaml", 5, 9)),
            "amount",
            new BigDecimal("0"),
            new BigDecimal("100"),
            true,
            true,
            Limit.NONE_ALLOWED),
        parse(block).datasets().get(0).checks().get(0));
  }

  @Test
  void severityComesFromTheRuleThenTheDatasetThenTheFile() {
    RuleFile file =
        parse(
            """
            severity: warn
            datasets:
              - name: a
                match: {view: a}
                checks:
                  - not_null: {column: x}
                  - not_null: {column: y, severity: fail}
              - name: b
                severity: fail
                match: {view: b}
                checks:
                  - not_null: {column: x}
                  - not_null: {column: y, severity: warn}
            """);
    assertEquals(Severity.WARN, file.defaultSeverity());
    assertEquals(
        List.of(Severity.WARN, Severity.FAIL, Severity.FAIL, Severity.WARN),
        file.datasets().stream().flatMap(d -> d.checks().stream()).map(Check::severity).toList());
    assertEquals(
        Severity.FAIL,
        parse(checks("- not_null: {column: x}")).defaultSeverity(),
        "fail is the default");
  }

  @Test
  void datasetBlocksKeepNameMatchersAndLocation() {
    RuleFile file =
        parse(
            """
            version: 1
            datasets:
              - name: bronze
                description: Raw events as landed
                match:
                  - path: [out/bronze, "s3a://lake/bronze/**"]
                  - {table: db.events, view: events_v, stage: load_events}
                checks:
                  - row_count: {min: 1}
            """);
    DatasetRules bronze = file.datasets().get(0);
    assertEquals("bronze", bronze.name());
    assertEquals(new SourceLocation("r.yaml", 3, 5), bronze.location());
    assertEquals(
        List.of(
            new DatasetMatcher(DatasetRef.Kind.PATH, "out/bronze"),
            new DatasetMatcher(DatasetRef.Kind.PATH, "s3a://lake/bronze/**"),
            new DatasetMatcher(DatasetRef.Kind.TABLE, "db.events"),
            new DatasetMatcher(DatasetRef.Kind.VIEW, "events_v"),
            new DatasetMatcher(DatasetRef.Kind.STAGE, "load_events")),
        bronze.matchers());
    assertEquals(1, file.ruleCount());
  }

  @Test
  void checksAreNotDiagnostics() {
    for (Check check :
        parse(
                checks(
                    "- not_null: {column: a}",
                    "- unique: {column: a}",
                    "- duplicates:",
                    "- range: {column: a, min: 0}",
                    "- iqr_outliers: {column: a}",
                    "- row_count: {min: 1}",
                    "- allowed_values: {column: a, values: [x]}",
                    "- expression: {sql: a > 0}",
                    "- schema: {columns: {a: int}}"))
            .datasets()
            .get(0)
            .checks()) {
      assertFalse(check.isDiagnostic(), check::toString);
    }
  }
}
