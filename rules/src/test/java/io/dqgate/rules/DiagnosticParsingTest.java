package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.diagnostic;
import static io.dqgate.rules.RuleTesting.diagnostics;
import static io.dqgate.rules.RuleTesting.meta;
import static io.dqgate.rules.RuleTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.check.PartitionSkew;
import io.dqgate.rules.check.Partitions;
import io.dqgate.rules.check.SmallFiles;
import io.dqgate.rules.check.Spill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every diagnostic parses into its record, defaults filled in; sizes may be written as 64MB. */
class DiagnosticParsingTest {

  @Test
  void partitionSkewDefaults() {
    assertEquals(
        new PartitionSkew(meta("orders.partition_skew", 5), "bytes", 5.0, 64L << 20, 1000),
        diagnostic("- partition_skew:"));
  }

  @Test
  void partitionSkewWithEveryKey() {
    assertEquals(
        new PartitionSkew(meta("orders.partition_skew", 5), "time", 3.5, 128L << 20, 30_000),
        diagnostic(
            "- partition_skew: {metric: time, max_ratio: 3.5, min_bytes: 128MB, min_millis: 30000}"));
  }

  @Test
  void partitions() {
    assertEquals(
        new Partitions(meta("orders.partitions", 5), 8, 2000, 0.25),
        diagnostic("- partitions: {min: 8, max: 2000, max_empty_fraction: 0.25}"));
    assertEquals(
        new Partitions(meta("orders.partitions", 5), null, 200, null),
        diagnostic("- partitions: {max: 200}"));
  }

  @Test
  void spillAllowsNoneByDefault() {
    assertEquals(new Spill(meta("orders.spill", 5), 0), diagnostic("- spill:"));
    assertEquals(
        new Spill(meta("orders.spill", 5), 1L << 30), diagnostic("- spill: {max_bytes: 1GB}"));
    assertEquals(new Spill(meta("orders.spill", 5), 512), diagnostic("- spill: {max_bytes: 512}"));
  }

  @Test
  void smallFiles() {
    assertEquals(
        new SmallFiles(meta("orders.small_files", 5), 32L << 20, 2), diagnostic("- small_files:"));
    assertEquals(
        new SmallFiles(meta("orders.small_files", 5), 64L << 20, 10),
        diagnostic("- small_files: {min_avg_bytes: 64MB, min_files: 10}"));
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource(
      delimiter = '|',
      value = {
        "64MB      | 67108864",
        "64mb      | 67108864",
        "\"64 MB\" | 67108864",
        "64M       | 67108864",
        "64MiB     | 67108864",
        "1.5GB     | 1610612736",
        "2TB       | 2199023255552",
        "512KB     | 524288",
        "1k        | 1024",
        "100B      | 100",
        "\"100\"   | 100",
        "100       | 100",
        "0         | 0",
      })
  void sizesAreBinaryUnits(String written, long bytes) {
    assertEquals(
        new SmallFiles(meta("orders.small_files", 5), bytes, 2),
        diagnostic("- small_files: {min_avg_bytes: " + written + "}"));
  }

  @Test
  void diagnosticsAreMarkedAndKeptApartFromChecks() {
    DatasetRules dataset =
        parse(
                """
                datasets:
                  - name: orders
                    match: {stage: build_orders}
                    checks:
                      - row_count: {min: 1}
                    diagnostics:
                      - partition_skew:
                      - partitions: {max: 10}
                      - spill:
                      - small_files:
                """)
            .datasets()
            .get(0);
    assertEquals(1, dataset.checks().size());
    assertEquals(4, dataset.diagnostics().size());
    dataset.diagnostics().forEach(d -> assertTrue(d.isDiagnostic(), d::toString));
    assertEquals(new SourceLocation("r.yaml", 7, 9), dataset.diagnostics().get(0).location());
  }

  @Test
  void aDatasetMayHaveOnlyDiagnostics() {
    assertEquals(1, parse(diagnostics("- spill:")).datasets().get(0).diagnostics().size());
  }
}
