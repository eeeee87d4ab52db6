package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC through SparkSubmit with the shaded jar (issue 12). {@code df.write.jdbc} is gated by the
 * pre-write pass: clean rows are published, breaching rows are rejected before the write starts
 * (exit 3, the table's rows unchanged), for one gate job. No silent pass for a write kind the gate
 * does not check ({@code INSERT INTO} a {@code USING jdbc} catalog table, an {@code
 * InsertIntoDataSourceCommand}): it is reported when it happens, the unmatched rule block gets a
 * warning by default and fails the run (exit 3) with {@code spark.dqgate.unmatchedRules=fail}.
 */
class UnsupportedSinkIT {
  private static final String GATED_RULES =
      """
      severity: fail
      datasets:
        - name: sales_jdbc
          match: {table: sales_jdbc}
          checks:
            - not_null: {column: amount}
            - range: {column: amount, min: 0, max: 100}
            - row_count: {min: 100}
      """;

  private static final String UNSUPPORTED_RULES =
      """
      severity: fail
      datasets:
        - name: sales_sql
          match: {table: sales_sql}
          checks:
            - row_count: {min: 100}
      """;

  private static Path h2() throws Exception {
    try (Stream<Path> jars = Files.list(Path.of("target/it-jars").toAbsolutePath())) {
      return jars.filter(p -> p.getFileName().toString().startsWith("h2-"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static void createTable(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id BIGINT, amount DOUBLE)");
    }
  }

  private static String rows(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT COUNT(*), SUM(id), SUM(amount) FROM " + table)) {
      rs.next();
      return rs.getLong(1) + " rows, sum(id) " + rs.getLong(2) + ", sum(amount) " + rs.getDouble(3);
    }
  }

  @Test
  void aJdbcWriteIsGatedBeforeItStarts(@TempDir Path work) throws Exception {
    Path appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    Path rules = SparkSubmitRunner.writeRules(work, "rules.yaml", GATED_RULES);
    String url = "jdbc:h2:file:" + work.resolve("db").toAbsolutePath();
    createTable(url, "sales_jdbc");
    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2()),
            List.of("spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + work.resolve("r1")),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_jdbc",
            "good");
    assertEquals(0, clean.exitCode(), clean.output());
    assertTrue(clean.output().contains("WRITE-OK jdbc-append"), clean.output());
    assertEquals(1, SinkState.gateJobs(clean.output(), "jdbc-append"), clean.output());
    String published = rows(url, "sales_jdbc");
    assertEquals("1000 rows, sum(id) 499500, sum(amount) 49500.0", published);
    String report = Files.readString(work.resolve("r1/report.json"));
    assertTrue(report.contains("write append jdbc (pre-write pass)"), report);

    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2()),
            List.of("spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + work.resolve("r2")),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_jdbc",
            "bad");
    assertEquals(3, rejected.exitCode(), rejected.output());
    assertTrue(
        rejected
            .output()
            .contains(
                "WRITE-FAILED jdbc-append GateRejectedException: dqgate rejected table sales_jdbc"),
        rejected.output());
    assertTrue(
        rejected.output().contains("the write did not start, so table sales_jdbc is unchanged"),
        rejected.output());
    assertEquals(published, rows(url, "sales_jdbc"), "the rejected rows never reach the table");
  }

  @Test
  void aWriteKindTheGateCannotCheckIsSaidOutLoudAndFailsTheRunOnRequest(@TempDir Path work)
      throws Exception {
    Path appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    Path rules = SparkSubmitRunner.writeRules(work, "rules.yaml", UNSUPPORTED_RULES);
    String url = "jdbc:h2:file:" + work.resolve("db").toAbsolutePath();
    createTable(url, "sales_sql");
    SparkSubmitRunner.Result warned =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2()),
            List.of("spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + work.resolve("r1")),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_sql",
            "sql");
    assertEquals(0, warned.exitCode(), warned.output());
    assertTrue(
        warned
            .output()
            .contains(
                "the rules of sales_sql match InsertIntoDataSourceCommand → table"
                    + " spark_catalog.default.sales_sql, which dqgate cannot check"),
        warned.output());
    assertTrue(
        warned.output().contains("rule block sales_sql (table: sales_sql) matched no dataset"),
        warned.output());
    String report = Files.readString(work.resolve("r1/report.json"));
    assertTrue(report.contains("write (not checked: InsertIntoDataSourceCommand)"), report);
    assertTrue(rows(url, "sales_sql").startsWith("10 rows"));

    SparkSubmitRunner.Result failed =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2()),
            List.of(
                "spark.dqgate.rules=" + rules,
                "spark.dqgate.reportDir=" + work.resolve("r2"),
                "spark.dqgate.unmatchedRules=fail"),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_sql",
            "sql");
    assertEquals(3, failed.exitCode(), failed.output());
    assertTrue(
        Files.readString(work.resolve("r2/report.json")).contains("rules matched nothing"),
        failed.output());
  }
}
