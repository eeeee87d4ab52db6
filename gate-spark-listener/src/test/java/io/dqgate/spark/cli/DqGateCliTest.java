package io.dqgate.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.reports.Reports;
import io.dqgate.reports.testing.ChurnRunFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `./dqgate report` and the CLI's error messages (no Spark needed). */
class DqGateCliTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = DqGateCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void reportReRendersTheHtmlFromTheJson(@TempDir Path dir) throws Exception {
    Reports.writeAll(ChurnRunFixture.failingRun(), dir);
    Path html = dir.resolve("again.html");
    assertEquals(
        0,
        run(
            new StringWriter(),
            "report",
            dir.resolve("report.json").toString(),
            "--html",
            html.toString()));
    assertEquals(
        Reports.renderHtml(Reports.readJson(dir.resolve("report.json"))), Files.readString(html));
  }

  @Test
  void aMissingReportIsNamed(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path missing = dir.resolve("nope.json");
    assertEquals(2, run(err, "report", missing.toString()));
    assertEquals(
        "dqgate report: cannot read " + missing + " because it does not exist",
        err.toString().trim());
  }

  @Test
  void demoAndBenchShareRowsWithTheirOwnDefaults() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();
    assertEquals(100_000, demo.sample.rows);
    BenchCommand bench = new BenchCommand();
    new CommandLine(bench).parseArgs("--rows", "500");
    assertEquals(500, bench.sample.rows);
    String help = new CommandLine(new BenchCommand()).getUsageMessage();
    assertTrue(help.contains("Transactions to generate (default: 2000000)."), help);
  }
}
