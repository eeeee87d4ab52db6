package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog and Hive writes through SparkSubmit with the shaded jar as shipped, on a Spark
 * installation with Hive support (spark-hive and the Hive jars on the classpath, a Derby metastore
 * in a temp dir): Hive-format tables (INSERT INTO/OVERWRITE, static and dynamic partitions), Hive
 * CTAS (text and STORED AS PARQUET), V1 CTAS and saveAsTable (new table, append to and overwrite of
 * an existing one), all matched by table name and checked in the write's own pass (plus the extra
 * pass of an exact check for h_dyn, h_ctas and s_over). 1,000 good rows are published; then a
 * breaching write of each kind is rejected, the run exits 3 and every destination is unchanged: the
 * same files under the warehouse, the same rows, content and partitions as a reader sees them, and
 * no table for a rejected CTAS.
 */
class HiveSinksIT {
  private static final List<String> KINDS =
      List.of(
          "hive-insert-overwrite",
          "hive-insert-into",
          "hive-static-partition",
          "hive-dynamic-partition",
          "hive-ctas",
          "hive-ctas-parquet",
          "v1-ctas",
          "saveAsTable-new",
          "saveAsTable-append",
          "saveAsTable-overwrite");

  private static final List<String> RULED_TABLES =
      List.of(
          "h_iow",
          "h_ins",
          "h_static",
          "h_dyn",
          "h_ctas",
          "h_ctas_bad",
          "h_ctasp",
          "h_ctasp_bad",
          "v_ctas",
          "v_ctas_bad",
          "s_new",
          "s_new_bad",
          "s_app",
          "s_over",
          "sales");

  /** Tables whose rules include an exact check: their writes also run the extra pass. */
  private static final List<String> EXTRA_PASS_TABLES = List.of("h_dyn", "h_ctas", "s_over");

  @TempDir static Path work;
  private static Path appJar;
  private static Path rules;

  @BeforeAll
  static void setUp() throws IOException {
    appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    StringBuilder yaml = new StringBuilder("severity: fail\ndatasets:\n");
    for (String table : RULED_TABLES) {
      yaml.append("  - name: ")
          .append(table)
          .append("\n    match: {table: ")
          .append(table)
          .append("}\n    checks:\n")
          .append("      - range: {column: amount, min: 0, max: 100}\n")
          .append("      - row_count: {min: 1}\n");
      if (EXTRA_PASS_TABLES.contains(table)) {
        yaml.append("      - unique: {column: id}\n");
      }
    }
    rules = SparkSubmitRunner.writeRules(work, "hive-rules.yaml", yaml.toString());
  }

  /** A Hive-enabled session: its Derby metastore and warehouse under {@code dir}. */
  private static List<String> confs(Path dir, String report) {
    return List.of(
        "spark.sql.catalogImplementation=hive",
        "spark.sql.warehouse.dir=" + dir.resolve("warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
            + dir.resolve("metastore_db")
            + ";create=true",
        "spark.dqgate.rules=" + rules,
        "spark.dqgate.reportDir=" + dir.resolve(report));
  }

  /** Every file under {@code dir} (relative path → size): the destination byte for byte. */
  private static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(file).toString(), Files.size(file));
      }
    }
    return files;
  }

  /** The STATE lines the app prints at its end, by table. */
  private static Map<String, String> states(String output) {
    Map<String, String> states = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^STATE (\\S+) (.*)$").matcher(output);
    while (m.find()) {
      states.put(m.group(1), m.group(2));
    }
    return states;
  }

  @Test
  void everyCatalogWriteKindIsGatedInPassAndARejectionLeavesTheTableAsItWas() throws Exception {
    Path dir = work.resolve("kinds");
    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submitWithHive(
            dir(dir), confs(dir, "r-good"), "e2eapp.HiveWrites", appJar, "good");
    assertEquals(0, clean.exitCode(), clean.output());
    Map<String, String> published = states(clean.output());
    for (String kind : KINDS) {
      assertTrue(clean.output().contains("WRITE-OK " + kind), kind + "\n" + clean.output());
    }
    for (String table :
        List.of(
            "h_iow",
            "h_ins",
            "h_static",
            "h_dyn",
            "h_ctas",
            "h_ctasp",
            "v_ctas",
            "s_new",
            "s_app",
            "s_over")) {
      assertTrue(
          published.get(table).startsWith("rows=1000 sumId=499500 "),
          table + ": " + published.get(table));
      assertTrue(published.get(table).contains(" maxAmount=99.0 "), published.get(table));
    }
    assertTrue(published.get("h_dyn").endsWith("partitions=p=a,p=b"), published.get("h_dyn"));
    assertTrue(published.get("s_over").endsWith("partitions=p=a,p=b"), published.get("s_over"));
    // Zero extra jobs: the gated Hive write takes the jobs of the same write into an ungated table.
    Matcher jobs =
        Pattern.compile("JOBS hive-insert-overwrite ungated=(\\d+) gated=(\\d+)")
            .matcher(clean.output());
    assertTrue(jobs.find(), clean.output());
    assertEquals(jobs.group(1), jobs.group(2), "the in-pass Hive write must add no job");
    String goodReport = Files.readString(dir.resolve("r-good/report.json"));
    for (String table : List.of("h_iow", "h_ctas", "h_ctasp", "v_ctas", "s_new", "s_over")) {
      assertTrue(goodReport.contains("spark_catalog.default." + table), table + "\n" + goodReport);
    }
    assertFalse(goodReport.contains("not checked"), goodReport);
    Map<String, Long> before = files(dir.resolve("warehouse"));
    assertTrue(
        before.keySet().stream().anyMatch(f -> f.startsWith("s_over/p=a/")), before.toString());

    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submitWithHive(
            dir, confs(dir, "r-bad"), "e2eapp.HiveWrites", appJar, "bad");
    assertEquals(3, rejected.exitCode(), rejected.output());
    for (String kind : KINDS) {
      assertTrue(
          rejected
              .output()
              .contains("WRITE-FAILED " + kind + " GateRejectedException: dqgate rejected "),
          kind + "\n" + rejected.output());
    }
    Map<String, String> after = states(rejected.output());
    for (String table : published.keySet()) {
      assertEquals(
          published.get(table), after.get(table), table + ": the old table must be intact");
    }
    for (String table : List.of("h_ctas_bad", "h_ctasp_bad", "v_ctas_bad", "s_new_bad")) {
      assertEquals("absent", after.get(table), table + ": a rejected CTAS creates no table");
    }
    assertEquals(before, files(dir.resolve("warehouse")), "the same files, byte counts and dirs");
    assertTrue(
        rejected.output().contains("amount: 399 of 500 rows (79.8%) are outside [0, 100]"),
        rejected.output());
    assertTrue(
        rejected.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"),
        rejected.output());
  }

  @Test
  void aSparkSqlScriptThatOverwritesAPlainCreateTableIsRejected() throws Exception {
    Path dir = dir(work.resolve("script"));
    Path script = dir.resolve("script.sql");
    Files.writeString(
        script,
        """
        CREATE TABLE sales (id BIGINT, amount DOUBLE);
        INSERT OVERWRITE TABLE sales SELECT id, CAST(id % 100 AS DOUBLE) FROM range(1000);
        SELECT COUNT(*), SUM(id) FROM sales;
        INSERT OVERWRITE TABLE sales SELECT id, CAST(id AS DOUBLE) FROM range(500);
        SELECT 'not reached';
        """);
    SparkSubmitRunner.Result result =
        SparkSubmitRunner.submitWithHive(
            dir, confs(dir, "report"), "e2eapp.SqlScript", appJar, script.toString());
    assertNotEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("1000\t499500"), result.output());
    assertTrue(result.output().contains("Error in query: dqgate rejected table"), result.output());
    // Printed once: neither Spark's log of the failed job nor dqgate's log repeats it.
    assertEquals(
        1,
        result.output().split("399 of 500 rows \\(79.8%\\) are outside \\[0, 100\\]", -1).length
            - 1,
        result.output());
    assertFalse(result.output().contains("not reached"), result.output());
    // The table's data files as Hive wrote them (text, \u0001-separated): the good rows only.
    long rows = 0;
    double maxAmount = 0;
    try (Stream<Path> walk = Files.walk(dir.resolve("warehouse/sales"))) {
      for (Path file :
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .toList()) {
        for (String line : Files.readAllLines(file)) {
          rows++;
          maxAmount = Math.max(maxAmount, Double.parseDouble(line.split("\u0001")[1]));
        }
      }
    }
    assertEquals(1000, rows);
    assertEquals(99.0, maxAmount);
    String report = Files.readString(dir.resolve("report/report.json"));
    assertTrue(report.contains("spark_catalog.default.sales"), report);
  }

  private static Path dir(Path dir) throws IOException {
    return Files.createDirectories(dir);
  }
}
