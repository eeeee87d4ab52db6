package io.dqgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.DatasetRef.Kind;
import io.dqgate.rules.check.Check;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which datasets a {@code match:} entry picks. */
class DatasetMatcherTest {

  @ParameterizedTest(name = "path {0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a relative pattern matches whole segments at the end of the path
        "out/bronze          | /tmp/run/out/bronze                 | true",
        "out/bronze          | out/bronze                          | true",
        "out/bronze          | /tmp/run/out/bronze/                | true",
        "out/bronze          | /tmp/run/xout/bronze                | false",
        "out/bronze          | /tmp/run/out/bronze/part-0.parquet  | false",
        "bronze              | /lake/bronze                        | true",
        // an absolute pattern matches the whole path
        "/data/out           | /data/out                           | true",
        "/data/out           | /x/data/out                         | false",
        "/data/out/          | /data/out                           | true",
        // schemes and authorities are stripped from both sides
        "/data/out           | hdfs://nn:8020/data/out             | true",
        "/data/out           | file:/data/out                      | true",
        "/data/out           | file:///data/out                    | true",
        "/data/out           | s3a://bucket/data/out               | true",
        "s3a://lake/data/out | /data/out                           | true",
        "s3a://lake/data/out | s3://other-bucket/data/out          | true",
        "file:///data/out    | hdfs://nn/data/out                  | true",
        // * and ? stay within one segment
        "/data/*/orders      | /data/2024/orders                   | true",
        "/data/*/orders      | /data/2024/01/orders                | false",
        "/data/*/orders      | /data/orders                        | false",
        "/data/day=2024-0?   | /data/day=2024-01                   | true",
        "/data/day=2024-0?   | /data/day=2024-10                   | false",
        "*.parquet           | /out/events.parquet                 | true",
        // ** crosses segments, and **/ may match no segment at all
        "/data/**/orders     | /data/orders                        | true",
        "/data/**/orders     | /data/a/b/c/orders                  | true",
        "/data/**            | /data/a/b                           | true",
        "/data/**            | /data                               | false",
        "**/orders           | /any/where/orders                   | true",
        "silver/**           | /lake/silver/day=1/part             | true",
        // other characters are literal, and paths are case-sensitive
        "out/a+b.(v1)        | /x/out/a+b.(v1)                     | true",
        "out/a+b.(v1)        | /x/out/aab.(v1)                     | false",
        "out/Bronze          | /tmp/out/bronze                     | false",
      })
  void pathGlobs(String pattern, String path, boolean matches) {
    assertEquals(matches, new DatasetMatcher(Kind.PATH, pattern).matches(DatasetRef.path(path)));
  }

  @ParameterizedTest(name = "table {0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "db.orders       | db.orders                    | true",
        "db.orders       | spark_catalog.db.orders      | true",
        "db.orders       | DB.Orders                    | true",
        "DB.ORDERS       | `db`.`orders`                | true",
        "`db`.`orders`   | db.orders                    | true",
        "orders          | orders                       | true",
        "orders          | sales.orders                 | true",
        "orders          | spark_catalog.sales.orders   | true",
        "db.orders       | orders                       | false",
        "db.orders       | other.orders                 | false",
        "b.orders        | ab.orders                    | false",
        "orders          | orders_v2                    | false",
      })
  void tables(String pattern, String table, boolean matches) {
    assertEquals(matches, new DatasetMatcher(Kind.TABLE, pattern).matches(DatasetRef.table(table)));
  }

  @Test
  void viewsAndStagesAreExactNamesIgnoringCase() {
    assertTrue(
        new DatasetMatcher(Kind.VIEW, "bronze_events").matches(DatasetRef.view("Bronze_Events")));
    assertFalse(new DatasetMatcher(Kind.VIEW, "bronze").matches(DatasetRef.view("bronze_events")));
    assertTrue(
        new DatasetMatcher(Kind.STAGE, "build_orders").matches(DatasetRef.stage("BUILD_ORDERS")));
    assertFalse(
        new DatasetMatcher(Kind.STAGE, "build_*").matches(DatasetRef.stage("build_orders")),
        "no globs");
  }

  @Test
  void aMatcherOnlyMatchesItsOwnKind() {
    assertFalse(new DatasetMatcher(Kind.VIEW, "orders").matches(DatasetRef.table("orders")));
    assertFalse(new DatasetMatcher(Kind.TABLE, "orders").matches(DatasetRef.path("/orders")));
    assertFalse(new DatasetMatcher(Kind.PATH, "orders").matches(DatasetRef.stage("orders")));
  }

  @Test
  void printsAsWritten() {
    assertEquals("path: out/**", new DatasetMatcher(Kind.PATH, "out/**").toString());
    assertEquals("table db.t", DatasetRef.table("db.t").toString());
  }

  @Test
  void ruleSetFindsTheBlocksOfEveryFileThatMatch() {
    RuleFile first =
        RuleParser.parse(
            "a.yaml",
            """
            datasets:
              - name: orders
                match: [{path: out/orders}, {table: sales.orders}]
                checks: [{row_count: {min: 1}}]
                diagnostics: [{spill: }]
              - name: events
                match: {view: events}
                checks: [{duplicates: }]
            """);
    RuleFile second =
        RuleParser.parse(
            "b.yaml",
            """
            datasets:
              - name: all_outputs
                match: {path: "**"}
                checks: [{not_null: {column: id}}]
            """);
    RuleSet rules = RuleParser.combine(List.of(first, second));
    assertEquals(
        List.of("orders", "all_outputs"),
        rules.matching(DatasetRef.path("hdfs://nn/lake/out/orders")).stream()
            .map(DatasetRules::name)
            .toList());
    assertEquals(
        List.of("orders.row_count", "all_outputs.not_null.id"),
        rules.checksFor(DatasetRef.path("/lake/out/orders")).stream().map(Check::id).toList());
    assertEquals(
        List.of("orders.spill"),
        rules.diagnosticsFor(DatasetRef.table("spark_catalog.sales.orders")).stream()
            .map(Check::id)
            .toList());
    assertEquals(List.of(), rules.checksFor(DatasetRef.table("events")));
    assertTrue(rules.hasRulesFor(Kind.VIEW));
    assertFalse(rules.hasRulesFor(Kind.STAGE));
    assertEquals(3, rules.datasets().size());
    assertTrue(RuleSet.EMPTY.matching(DatasetRef.view("events")).isEmpty());
  }
}
