package io.dqgate.spark.report;

import io.dqgate.core.result.GateRun;
import io.dqgate.reports.Reports;
import io.dqgate.spark.runtime.RunSink;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes report.json, report.html and junit.xml to {@code spark.dqgate.reportDir} at the end of the
 * run. A report that cannot be written is one log line: it never changes the job or its exit code.
 */
public final class ReportSink implements RunSink {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");
  private final Path dir;

  public ReportSink(Path dir) {
    this.dir = dir;
  }

  @Override
  public void write(GateRun run) {
    try {
      Reports.writeAll(run, dir);
      LOG.info("dqgate: {} — reports in {}", run.verdict(), dir.toAbsolutePath());
    } catch (RuntimeException | java.io.IOException e) {
      LOG.warn("dqgate: cannot write the reports to {}: {}", dir.toAbsolutePath(), e.toString());
    }
  }
}
