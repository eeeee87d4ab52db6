package io.dqgate.spark.cli;

import io.dqgate.core.result.GateRun;
import io.dqgate.reports.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dqgate report}: re-renders the HTML report from a report.json. */
@Command(name = "report", description = "Re-render the HTML report from a report.json.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "REPORT_JSON")
  Path json;

  @Option(
      names = "--html",
      description = "Output HTML file (default: report.html next to the JSON).")
  Path html;

  @Override
  public Integer call() throws IOException {
    GateRun run = Reports.readJson(json);
    Path target = html != null ? html : json.toAbsolutePath().getParent().resolve("report.html");
    Files.writeString(target, Reports.renderHtml(run), StandardCharsets.UTF_8);
    System.out.println("dqgate report: " + target);
    return 0;
  }
}
