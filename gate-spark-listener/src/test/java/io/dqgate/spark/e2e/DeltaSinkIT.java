package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta Lake 3.3 writes gated by the pre-write pass, through SparkSubmit with the shaded jar and
 * Delta's jars given by --jars (issue 12): every write kind publishes 1000 clean rows, then a
 * breaching write of each kind is rejected (exit 3) and leaves its destination exactly as it was:
 * same rows, same Delta log version, same files. Single-pass checks cost one gate job per write.
 */
class DeltaSinkIT {
  private static final String CHECKS =
      """
          checks:
            - not_null: {column: amount}
            - range: {column: amount, min: 0, max: 100}
            - row_count: {min: 1}
      """;
  private static final String RULES =
      "severity: fail\n"
          + "datasets:\n"
          + "  - name: delta_paths\n"
          + "    match: {path: \"delta/path_*\"}\n"
          + CHECKS
          + "  - name: delta_tables\n"
          + "    match: {table: [d_insert, d_iow, d_dynamic, d_ctas_bad, d_rtas, d_merge,"
          + " d_update]}\n"
          + CHECKS;

  /** Write kind → the destination it writes (under base/delta). */
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("delta-path-append", "path_append"),
          Map.entry("delta-path-overwrite", "path_overwrite"),
          Map.entry("delta-path-replaceWhere", "path_replace_where"),
          Map.entry("delta-path-dynamic-overwrite", "path_dynamic"),
          Map.entry("delta-table-insertInto", "d_insert"),
          Map.entry("delta-table-insert-overwrite", "d_iow"),
          Map.entry("delta-table-dynamic-overwrite", "d_dynamic"),
          Map.entry("delta-merge", "d_merge"),
          Map.entry("delta-update", "d_update"));

  @Test
  void everyDeltaWriteKindIsGatedBeforeItStartsAndRejectionLeavesTheTableAsItWas(@TempDir Path work)
      throws Exception {
    Path appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    Path rules = SparkSubmitRunner.writeRules(work, "rules.yaml", RULES);
    List<Path> deltaJars =
        List.of(SinkState.testJar("delta-spark_2.12-"), SinkState.testJar("delta-storage-"));
    Path base = work.resolve("lake");
    Path delta = base.resolve("delta");

    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            deltaJars,
            confs(rules, work.resolve("r1")),
            "e2eapp.DeltaWrites",
            appJar,
            base.toString(),
            "good");
    assertEquals(0, clean.exitCode(), clean.output());
    Map<String, String> states = new HashMap<>();
    Map<String, Long> versions = new HashMap<>();
    Map<String, Map<String, Long>> files = new HashMap<>();
    for (Map.Entry<String, String> kind : KINDS.entrySet()) {
      String out = clean.output();
      assertTrue(out.contains("WRITE-OK " + kind.getKey() + "\n"), kind + "\n" + out);
      states.put(kind.getValue(), SinkState.state(out, kind.getValue()));
      versions.put(kind.getValue(), SinkState.deltaVersion(delta.resolve(kind.getValue())));
      files.put(kind.getValue(), SinkState.files(delta.resolve(kind.getValue())));
      assertTrue(versions.get(kind.getValue()) >= 0, kind.toString());
    }
    assertTrue(clean.output().contains("WRITE-OK delta-ctas\n"), clean.output());
    String rtasState = SinkState.state(clean.output(), "d_rtas");
    long rtasVersion = SinkState.deltaVersion(delta.resolve("d_rtas"));
    Map<String, Long> rtasFiles = SinkState.files(delta.resolve("d_rtas"));
    assertEquals("rows=1000", SinkState.state(clean.output(), "path_append").split(" ")[0]);
    assertEquals("rows=1000", SinkState.state(clean.output(), "d_merge").split(" ")[0]);
    assertEquals("rows=990", SinkState.state(clean.output(), "d_update").split(" ")[0]);
    // DELETE is not checked, and says so when it happens and in the report.
    assertEquals(0, SinkState.gateJobs(clean.output(), "delta-delete"), clean.output());
    assertTrue(clean.output().contains("which dqgate does not check DELETE"), clean.output());
    String cleanReport = Files.readString(work.resolve("r1/report.json"));
    assertTrue(cleanReport.contains("spark_catalog.default.d_merge"), cleanReport);
    assertTrue(cleanReport.contains("(pre-write pass)"), cleanReport);
    assertTrue(cleanReport.contains("write (not checked: DeleteCommand)"), cleanReport);

    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            deltaJars,
            confs(rules, work.resolve("r2")),
            "e2eapp.DeltaWrites",
            appJar,
            base.toString(),
            "bad");
    assertEquals(3, rejected.exitCode(), rejected.output());
    for (Map.Entry<String, String> kind : KINDS.entrySet()) {
      String out = rejected.output();
      String dest = kind.getValue();
      assertTrue(
          out.contains("WRITE-FAILED " + kind.getKey() + " GateRejectedException: dqgate rejected"),
          kind + "\n" + out);
      assertEquals(states.get(dest), SinkState.state(out, dest), dest + ": rows and content");
      assertEquals(
          versions.get(dest), SinkState.deltaVersion(delta.resolve(dest)), dest + ": log version");
      assertEquals(files.get(dest), SinkState.files(delta.resolve(dest)), dest + ": files");
    }
    assertTrue(
        rejected.output().contains("WRITE-FAILED delta-ctas GateRejectedException"),
        rejected.output());
    assertTrue(rejected.output().contains("CTAS-BAD-EXISTS false"), rejected.output());
    // RTAS (CREATE OR REPLACE of the table the clean CTAS made): rejected, the table as it was.
    assertTrue(
        rejected.output().contains("WRITE-FAILED delta-rtas GateRejectedException"),
        rejected.output());
    assertEquals(rtasState, SinkState.state(rejected.output(), "d_rtas"));
    assertEquals(rtasVersion, SinkState.deltaVersion(delta.resolve("d_rtas")));
    assertEquals(rtasFiles, SinkState.files(delta.resolve("d_rtas")));
    assertFalse(Files.exists(delta.resolve("d_ctas_bad")), "a rejected CTAS creates nothing");
    assertTrue(
        rejected
            .output()
            .contains(
                "dqgate rejected path "
                    + delta.resolve("path_overwrite")
                    + " (rules \"delta_paths\")"),
        rejected.output());
    assertTrue(
        rejected
            .output()
            .contains("the write did not start, so table spark_catalog.default.d_merge"),
        rejected.output());
    assertTrue(
        rejected.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"),
        rejected.output());
    // One gate job per write for single-pass checks (the pre-write pass: observe + noop write).
    for (String kind :
        List.of(
            "delta-path-append",
            "delta-path-overwrite",
            "delta-path-replaceWhere",
            "delta-path-dynamic-overwrite",
            "delta-table-insertInto",
            "delta-table-insert-overwrite",
            "delta-table-dynamic-overwrite",
            "delta-ctas",
            "delta-merge")) {
      assertEquals(1, SinkState.gateJobs(clean.output(), kind), kind + "\n" + clean.output());
    }
    // UPDATE's rows are a filter over the Delta target: Delta plans a file-skipping scan first.
    assertTrue(SinkState.gateJobs(clean.output(), "delta-update") >= 1, clean.output());
  }

  private static List<String> confs(Path rules, Path reportDir) {
    return List.of(
        "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,"
            + "io.dqgate.spark.DqGateExtensions",
        "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
        // Delta replays its log with 50 partitions by default: far too many for local[2].
        "spark.databricks.delta.snapshotPartitions=2",
        "spark.dqgate.rules=" + rules,
        "spark.dqgate.reportDir=" + reportDir);
  }
}
