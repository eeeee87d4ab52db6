package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.checks;
import static io.dqgate.rules.RuleTesting.diagnostics;
import static io.dqgate.rules.RuleTesting.parse;
import static io.dqgate.rules.RuleTesting.withoutLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.Limit;
import io.dqgate.rules.check.NotNull;
import io.dqgate.rules.check.RuleMeta;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rule prints as the flow form its owner writes, and that form parses back into the same rule
 * (apart from where it was written).
 */
class PrintTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // written                                                                  | printed, when
        // not as written
        "not_null: {column: user_id}                                                 |",
        "not_null: {column: user_id, max_count: 5, max_fraction: 0.001}              |",
        "not_null: {max_fraction: 0.5, column: user_id}                               | not_null: {column: user_id, max_fraction: 0.5}",
        "unique: {column: order_id}                                                  |",
        "unique: {columns: [order_id]}                                               | unique: {column: order_id}",
        "unique: {columns: [order_id, line_no]}                                      |",
        "duplicates:                                                                 | duplicates: {}",
        "duplicates: {columns: [user_id, day], max_count: 10}                        |",
        "range: {column: amount, min: 0, max: 10000.50}                              |",
        "range: {column: amount, min: -1.5E+3}                                       | range: {column: amount, min: -1500}",
        "range: {column: day, min: 2024-01-01, max: \"2024-12-31 23:59:59\"}          |",
        "range: {column: ts, min: \"2024-01-01T00:00\", min_inclusive: false}         |",
        "range: {column: p, min: 0, max: 1, min_inclusive: false, max_inclusive: false, max_fraction: 0.01} |",
        "iqr_outliers: {column: amount}                                              |",
        "iqr_outliers: {column: amount, k: 1.5}                                      | iqr_outliers: {column: amount}",
        "iqr_outliers: {column: amount, k: 3, max_fraction: 0.001}                   |",
        "row_count: {min: 1000, max: 2000000}                                        |",
        "row_count: {max: 10}                                                        |",
        "allowed_values: {column: status, values: [open, \"on hold\", \"yes\", \"No\", \"null\", \"007\", 1, 2.5, true]} |",
        "allowed_values: {column: q, values: [\"say \\\"hi\\\"\", \"a\\\\b\", \"x: y\", \"#tag\", café]} | allowed_values: {column: q, values: [\"say \\\"hi\\\"\", \"a\\\\b\", \"x: y\", \"#tag\", \"café\"]}",
        "expression: {sql: \"amount >= 0\"}                                            |",
        "expression: {sql: \"ship_date >= order_date\", min_fraction: 0.99}           |",
        "expression: {sql: a_flag, description: \"Owner said: \\\"flag\\\" must hold\\nalways\"} |",
        "schema: {columns: {order_id: string, amount: \"decimal(10,2)\", tags: \"array<string>\"}} |",
        "schema: {columns: {Order_ID: STRING}, allow_extra: false}                   | schema: {columns: {Order_ID: string}, allow_extra: false}",
        "not_null: {column: \"user id\", description: Never empty}                    | not_null: {column: \"user id\", description: \"Never empty\"}",
      })
  void checksPrintAsWrittenAndParseBack(String written, String printed) {
    Check rule = only(parse(checks("- " + written)).datasets().get(0).checks());
    String expected = printed == null ? written.strip() : printed;
    assertEquals(expected, rule.toString());
    Check again = only(parse(checks("- " + rule)).datasets().get(0).checks());
    assertEquals(withoutLocation(rule), withoutLocation(again));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "partition_skew:                                                               | partition_skew: {}",
        "partition_skew: {metric: time, max_ratio: 3.5, min_bytes: 128MB, min_millis: 30000} |",
        "partition_skew: {max_ratio: 5, min_bytes: 67108864}                           | partition_skew: {}",
        "partition_skew: {min_bytes: 1536KB}                                           |",
        "partition_skew: {min_bytes: 1.5MB}                                            | partition_skew: {min_bytes: 1536KB}",
        "partitions: {min: 8, max: 2000, max_empty_fraction: 0.25}                     |",
        "partitions: {max_empty_fraction: 0.5}                                         |",
        "spill:                                                                        | spill: {}",
        "spill: {max_bytes: 1GB}                                                       |",
        "spill: {max_bytes: 1000}                                                      |",
        "small_files: {min_avg_bytes: 64MB, min_files: 10}                             |",
        "small_files: {min_avg_bytes: 32MB, min_files: 2}                              | small_files: {}",
      })
  void diagnosticsPrintAsWrittenAndParseBack(String written, String printed) {
    Check rule = only(parse(diagnostics("- " + written)).datasets().get(0).diagnostics());
    assertEquals(printed == null ? written.strip() : printed, rule.toString());
    Check again = only(parse(diagnostics("- " + rule)).datasets().get(0).diagnostics());
    assertEquals(withoutLocation(rule), withoutLocation(again));
  }

  @Test
  void idAndSeverityAreShownBesideThePrintedFormNotInIt() {
    Check rule =
        only(
            parse(checks("- not_null: {column: a, id: a_present, severity: warn}"))
                .datasets()
                .get(0)
                .checks());
    assertEquals("not_null: {column: a}", rule.toString());
    Check again = only(parse(checks("- " + rule)).datasets().get(0).checks());
    assertNotEquals(withoutLocation(rule), withoutLocation(again));
    assertEquals(
        new NotNull(new RuleMeta("a_present", Severity.WARN, null, null), "a", Limit.NONE_ALLOWED),
        withoutLocation(rule));
    assertEquals(
        new NotNull(
            new RuleMeta("orders.not_null.a", Severity.FAIL, null, null), "a", Limit.NONE_ALLOWED),
        withoutLocation(again));
  }

  @Test
  void aRulePerColumnPrintsItsOwnColumn() {
    List<Check> rules =
        parse(checks("- not_null: {columns: [a, b], max_count: 1}")).datasets().get(0).checks();
    assertEquals(
        List.of("not_null: {column: a, max_count: 1}", "not_null: {column: b, max_count: 1}"),
        rules.stream().map(Check::toString).toList());
  }

  private static Check only(List<Check> rules) {
    assertEquals(1, rules.size(), rules::toString);
    return rules.get(0);
  }
}
