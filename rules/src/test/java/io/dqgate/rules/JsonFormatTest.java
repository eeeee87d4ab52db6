package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.problems;
import static io.dqgate.rules.RuleTesting.withoutLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file ending in .json is read as JSON into the same model; everything else is YAML. */
class JsonFormatTest {
  private static final String YAML =
      """
      version: 1
      severity: warn
      datasets:
        - name: orders
          severity: fail
          match:
            - {path: [out/orders, "s3a://lake/orders/**"]}
            - {table: sales.orders}
          checks:
            - not_null: {columns: [order_id, amount], max_fraction: 0.001}
            - unique: {column: order_id, id: order_key}
            - duplicates:
            - range: {column: amount, min: 0, max: 10000.5, max_inclusive: false}
            - range: {column: day, min: 2024-01-01}
            - iqr_outliers: {column: amount, k: 3, max_count: 10}
            - row_count: {min: 1}
            - allowed_values: {column: currency, values: [EUR, USD, 1, true], severity: warn}
            - expression: {sql: "amount >= 0", min_fraction: 0.99, description: Amounts are positive}
            - schema: {columns: {order_id: string, amount: "decimal(10,2)"}, allow_extra: false}
          diagnostics:
            - partition_skew: {metric: time, max_ratio: 4}
            - partitions: {max: 2000, max_empty_fraction: 0.5}
            - spill: {max_bytes: 1GB}
            - small_files: {min_avg_bytes: 64MB}
      """;

  private static final String JSON =
      """
      {
        "version": 1,
        "severity": "warn",
        "datasets": [
          {
            "name": "orders",
            "severity": "fail",
            "match": [{"path": ["out/orders", "s3a://lake/orders/**"]}, {"table": "sales.orders"}],
            "checks": [
              {"not_null": {"columns": ["order_id", "amount"], "max_fraction": 0.001}},
              {"unique": {"column": "order_id", "id": "order_key"}},
              {"duplicates": null},
              {"range": {"column": "amount", "min": 0, "max": 10000.5, "max_inclusive": false}},
              {"range": {"column": "day", "min": "2024-01-01"}},
              {"iqr_outliers": {"column": "amount", "k": 3, "max_count": 10}},
              {"row_count": {"min": 1}},
              {"allowed_values": {"column": "currency", "values": ["EUR", "USD", 1, true], "severity": "warn"}},
              {"expression": {"sql": "amount >= 0", "min_fraction": 0.99, "description": "Amounts are positive"}},
              {"schema": {"columns": {"order_id": "string", "amount": "decimal(10,2)"}, "allow_extra": false}}
            ],
            "diagnostics": [
              {"partition_skew": {"metric": "time", "max_ratio": 4}},
              {"partitions": {"max": 2000, "max_empty_fraction": 0.5}},
              {"spill": {"max_bytes": "1GB"}},
              {"small_files": {"min_avg_bytes": "64MB"}}
            ]
          }
        ]
      }
      """;

  @Test
  void jsonGivesTheSameModelAsYaml() {
    RuleFile yaml = RuleParser.parse("orders.yaml", YAML);
    RuleFile json = RuleParser.parse("orders.json", JSON);
    assertEquals(model(yaml), model(json));
    assertEquals(
        15, json.ruleCount(), "11 checks (not_null on two columns is two) and 4 diagnostics");
    assertEquals(yaml.defaultSeverity(), json.defaultSeverity());
    assertEquals(
        new SourceLocation("orders.json", 11, 10),
        json.datasets().get(0).checks().get(2).location(),
        "at \"unique\"");
  }

  @Test
  void theExtensionDecidesTheFormat() {
    assertEquals(model(RuleParser.parse("a.yaml", YAML)), model(RuleParser.parse("A.JSON", JSON)));
    // JSON is also YAML, so a .yml file may hold JSON; a .json file may not hold YAML
    assertEquals(model(RuleParser.parse("a.yaml", YAML)), model(RuleParser.parse("a.yml", JSON)));
    assertEquals(
        List.of(
            "r.json:1:1: the file is not valid JSON: Unrecognized token 'version': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false'): check the commas, quotes and brackets"),
        problems("r.json", YAML));
  }

  /** What a file says, without where it says it. */
  private static List<Object> model(RuleFile file) {
    return file.datasets().stream()
        .map(
            d ->
                List.of(
                    d.name(),
                    d.matchers(),
                    d.checks().stream().map(RuleTesting::withoutLocation).toList(),
                    d.diagnostics().stream().map(c -> withoutLocation(c)).toList()))
        .map(Object.class::cast)
        .toList();
  }
}
