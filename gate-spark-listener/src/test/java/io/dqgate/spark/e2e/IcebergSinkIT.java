package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg 1.10 writes gated by the pre-write pass, through SparkSubmit with the shaded jar and
 * Iceberg's runtime jar given by --jars (issue 12): every write kind publishes clean rows, then a
 * breaching write of each kind is rejected (exit 3) and commits no snapshot: same rows, same
 * current snapshot id, same files (data and metadata). Single-pass checks cost one gate job.
 */
class IcebergSinkIT {
  private static final String RULES =
      """
      severity: fail
      datasets:
        - name: ice_tables
          match:
            table: [i_append, i_writeto, i_iow, i_dynamic, i_merge, i_update, i_rtas, i_ctas,
                    i_ctas_bad]
          checks:
            - not_null: {column: amount}
            - range: {column: amount, min: 0, max: 100}
            - row_count: {min: 1}
      """;

  /** Write kind → the table it writes (ice.db.TABLE). */
  private static final Map<String, String> KINDS =
      Map.of(
          "iceberg-insert-into", "i_append",
          "iceberg-writeTo-append", "i_writeto",
          "iceberg-insert-overwrite", "i_iow",
          "iceberg-overwrite-partitions", "i_dynamic",
          "iceberg-merge-cow", "i_merge",
          "iceberg-update-mor", "i_update",
          "iceberg-rtas", "i_rtas");

  @Test
  void everyIcebergWriteKindIsGatedBeforeItStartsAndRejectionCommitsNoSnapshot(@TempDir Path work)
      throws Exception {
    Path appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    Path warehouse = work.resolve("ice");
    Path rules = SparkSubmitRunner.writeRules(work, "rules.yaml", RULES);
    List<Path> jars = List.of(SinkState.testJar("iceberg-spark-runtime-3.5_2.12-"));

    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            jars,
            confs(rules, warehouse, work.resolve("r1")),
            "e2eapp.IcebergWrites",
            appJar,
            "good");
    assertEquals(0, clean.exitCode(), clean.output());
    Map<String, String> states = new HashMap<>();
    Map<String, Long> snapshots = new HashMap<>();
    Map<String, Map<String, Long>> files = new HashMap<>();
    for (Map.Entry<String, String> kind : KINDS.entrySet()) {
      String out = clean.output();
      String table = kind.getValue();
      assertTrue(out.contains("WRITE-OK " + kind.getKey() + "\n"), kind + "\n" + out);
      states.put(table, SinkState.state(out, table));
      snapshots.put(table, snapshot(out, table));
      files.put(table, SinkState.files(warehouse.resolve("db").resolve(table)));
    }
    assertTrue(clean.output().contains("WRITE-OK iceberg-ctas\n"), clean.output());
    assertEquals("rows=1000", SinkState.state(clean.output(), "i_append").split(" ")[0]);
    assertEquals("rows=990", SinkState.state(clean.output(), "i_update").split(" ")[0]);
    // One gate job per write when the checked rows need no shuffle.
    for (String kind :
        List.of(
            "iceberg-insert-into",
            "iceberg-writeTo-append",
            "iceberg-insert-overwrite",
            "iceberg-overwrite-partitions",
            "iceberg-rtas",
            "iceberg-ctas")) {
      assertEquals(1, SinkState.gateJobs(clean.output(), kind), kind + "\n" + clean.output());
    }
    // Row-level writes check the rows the MERGE/UPDATE writes: one pass over its join.
    assertTrue(SinkState.gateJobs(clean.output(), "iceberg-merge-cow") >= 1, clean.output());
    assertTrue(SinkState.gateJobs(clean.output(), "iceberg-update-mor") >= 1, clean.output());
    assertEquals(0, SinkState.gateJobs(clean.output(), "iceberg-delete"), clean.output());
    assertTrue(clean.output().contains("which dqgate does not check DELETE"), clean.output());
    String cleanReport = Files.readString(work.resolve("r1/report.json"));
    assertTrue(cleanReport.contains("ice.db.i_merge"), cleanReport);
    assertTrue(cleanReport.contains(warehouse.resolve("db/i_merge").toString()), cleanReport);

    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            jars,
            confs(rules, warehouse, work.resolve("r2")),
            "e2eapp.IcebergWrites",
            appJar,
            "bad");
    assertEquals(3, rejected.exitCode(), rejected.output());
    for (Map.Entry<String, String> kind : KINDS.entrySet()) {
      String out = rejected.output();
      String table = kind.getValue();
      assertTrue(
          out.contains("WRITE-FAILED " + kind.getKey() + " GateRejectedException: dqgate rejected"),
          kind + "\n" + out);
      assertEquals(states.get(table), SinkState.state(out, table), table + ": rows and content");
      assertEquals(snapshots.get(table), snapshot(out, table), table + ": snapshot id");
      assertEquals(
          files.get(table),
          SinkState.files(warehouse.resolve("db").resolve(table)),
          table + ": files");
    }
    assertTrue(
        rejected.output().contains("WRITE-FAILED iceberg-ctas GateRejectedException"),
        rejected.output());
    assertTrue(rejected.output().contains("CTAS-BAD-EXISTS false"), rejected.output());
    assertFalse(Files.exists(warehouse.resolve("db/i_ctas_bad/metadata")), "no table created");
    assertTrue(
        rejected.output().contains("the write did not start, so table ice.db.i_append"),
        rejected.output());
    assertTrue(
        rejected.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"),
        rejected.output());
  }

  private static long snapshot(String output, String table) {
    Matcher m =
        Pattern.compile("(?m)^SNAPSHOT " + Pattern.quote(table) + " (-?\\d+)$").matcher(output);
    assertTrue(m.find(), "no SNAPSHOT line for " + table + "\n" + output);
    return Long.parseLong(m.group(1));
  }

  private static List<String> confs(Path rules, Path warehouse, Path reportDir) {
    return List.of(
        "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
            + "io.dqgate.spark.DqGateExtensions",
        "spark.sql.catalog.ice=org.apache.iceberg.spark.SparkCatalog",
        "spark.sql.catalog.ice.type=hadoop",
        "spark.sql.catalog.ice.warehouse=" + warehouse,
        "spark.dqgate.rules=" + rules,
        "spark.dqgate.reportDir=" + reportDir);
  }
}
