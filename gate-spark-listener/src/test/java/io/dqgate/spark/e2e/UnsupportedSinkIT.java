package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent pass through SparkSubmit with the shaded jar (issue 12): a JDBC write whose table has
 * rules is reported when it happens, and the unmatched rule block gets a warning by default and
 * fails the run (exit 3) with {@code spark.dqgate.unmatchedRules=fail}.
 */
class UnsupportedSinkIT {
  private static final String RULES =
      """
      severity: fail
      datasets:
        - name: sales_jdbc
          match: {table: sales_jdbc}
          checks:
            - row_count: {min: 100}
      """;

  private static long rows(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sales_jdbc")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void anUncheckedJdbcWriteIsSaidOutLoudAndFailsTheRunOnRequest(@TempDir Path work)
      throws Exception {
    Path appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    Path rules = SparkSubmitRunner.writeRules(work, "rules.yaml", RULES);
    Path h2;
    try (Stream<Path> jars = Files.list(Path.of("target/it-jars").toAbsolutePath())) {
      h2 = jars.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst().orElseThrow();
    }
    String url = "jdbc:h2:file:" + work.resolve("db").toAbsolutePath();
    SparkSubmitRunner.Result warned =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2),
            List.of("spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + work.resolve("r1")),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_jdbc");
    assertEquals(0, warned.exitCode(), warned.output());
    assertTrue(
        warned
            .output()
            .contains(
                "the rules of sales_jdbc match SaveIntoDataSourceCommand(JdbcRelationProvider)"),
        warned.output());
    assertTrue(
        warned.output().contains("rule block sales_jdbc (table: sales_jdbc) matched no dataset"),
        warned.output());
    String report = Files.readString(work.resolve("r1/report.json"));
    assertTrue(report.contains("write (not checked: SaveIntoDataSourceCommand"), report);
    assertEquals(10, rows(url));

    SparkSubmitRunner.Result failed =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(h2),
            List.of(
                "spark.dqgate.rules=" + rules,
                "spark.dqgate.reportDir=" + work.resolve("r2"),
                "spark.dqgate.unmatchedRules=fail"),
            "e2eapp.JdbcSink",
            appJar,
            url,
            "sales_jdbc");
    assertEquals(3, failed.exitCode(), failed.output());
    assertTrue(
        Files.readString(work.resolve("r2/report.json")).contains("rules matched nothing"),
        failed.output());
  }
}
