package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage diagnostics of an unchanged application (e2eapp.SkewApp) run through SparkSubmit with
 * separate executor JVMs (local-cluster): task metrics arrive from the executors, a hot key fails
 * the run after the fact (exit code 3, the data is published), a balanced run passes.
 */
class DiagnosticsSubmitIT {
  private static final String RULES =
      "# stage diagnostics of the end-to-end tests: floors low enough for 200,000 rows\n"
          + "datasets:\n"
          + "  - name: skew_outputs\n"
          + "    match: {path: \"diag/*\"}\n"
          + "    diagnostics:\n"
          + "      - partition_skew: {metric: bytes, max_ratio: 4, min_bytes: 64KB}\n";

  @TempDir static Path work;
  private static Path appJar;
  private static Path rules;

  @BeforeAll
  static void setUp() throws Exception {
    appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    rules = SparkSubmitRunner.writeRules(work, "diag-rules.yaml", RULES);
  }

  private static SparkSubmitRunner.Result run(Path base, String mode) throws Exception {
    List<String> confs =
        List.of(
            "spark.dqgate.rules=" + rules,
            "spark.dqgate.reportDir=" + work.resolve("report-" + mode),
            "spark.sql.shuffle.partitions=8",
            "spark.sql.autoBroadcastJoinThreshold=-1",
            // AQE would coalesce this small shuffle into one task (SkewDiagnosticsTest covers that
            // case).
            "spark.sql.adaptive.enabled=false");
    return SparkSubmitRunner.submit(
        work, "local-cluster[2,1,1024]", confs, "e2eapp.SkewApp", appJar, base.toString(), mode);
  }

  private static Pattern failLine(Path output) {
    return Pattern.compile(
        "dqgate FAIL skew_outputs\\.partition_skew: stage \\d+ \\(parquet at SkewApp\\.java:\\d+\\)"
            + " writing path "
            + Pattern.quote(output.toString())
            + ": the largest of its 8 tasks read \\S+ \\S+ of shuffle"
            + " data vs a median of \\S+ \\S+ \\(\\d+×; allowed ≤ 4×\\); that one task read [\\d.]+% of the stage's .*"
            + " One key is likely hot: salt it .* — "
            + Pattern.quote(rules.toString())
            + ":6");
  }

  @Test
  void hotKeysFailTheRunAfterTheFactAndBalancedDataPasses() throws Exception {
    Path skewedBase = work.resolve("skewed");
    SparkSubmitRunner.Result skewed = run(skewedBase, "skewed");
    assertEquals(3, skewed.exitCode(), skewed.output());
    assertTrue(
        skewed.output().contains("WRITE-OK agg") && skewed.output().contains("WRITE-OK join"),
        "diagnostics come after the fact: both writes were published\n" + skewed.output());
    assertTrue(
        failLine(skewedBase.resolve("diag/agg")).matcher(skewed.output()).find(), skewed.output());
    assertTrue(
        failLine(skewedBase.resolve("diag/join")).matcher(skewed.output()).find(), skewed.output());
    assertTrue(
        skewed.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"),
        skewed.output());
    assertEquals(
        1000 / 5 + 1,
        SparkTestSession.get().read().parquet(skewedBase.resolve("diag/agg").toString()).count());

    SparkSubmitRunner.Result balanced = run(work.resolve("balanced"), "balanced");
    assertEquals(0, balanced.exitCode(), balanced.output());
    assertFalse(balanced.output().contains("dqgate FAIL"), balanced.output());
    assertFalse(
        balanced.output().contains("dqgate INFO advisory.partition_skew"), balanced.output());
  }
}
