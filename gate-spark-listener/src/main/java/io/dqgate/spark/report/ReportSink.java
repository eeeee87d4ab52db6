package io.dqgate.spark.report;

import io.dqgate.core.result.GateRun;
import io.dqgate.reports.Reports;
import io.dqgate.spark.runtime.RunSink;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes report.json, report.html and junit.xml to {@code spark.dqgate.reportDir} at the end of the
 * run. A report that cannot be written is one log line saying why and what to change: it never
 * changes the job, its data or its exit code (the verdict was reached before the reports).
 */
public final class ReportSink implements RunSink {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");
  private final Path dir;

  public ReportSink(Path dir) {
    this.dir = dir;
  }

  @Override
  public void write(GateRun run) {
    String problem = tryWrite(run);
    if (problem == null) {
      LOG.info("dqgate: {} — reports in {}", run.verdict(), dir.toAbsolutePath());
    } else {
      LOG.warn("dqgate: {}", problem);
    }
  }

  /** Writes the reports; returns null, or the sentence saying why they could not be written. */
  String tryWrite(GateRun run) {
    try {
      Reports.writeAll(run, dir);
      return null;
    } catch (RuntimeException | java.io.IOException e) {
      return "Cannot write the reports to "
          + dir.toAbsolutePath()
          + " because of "
          + e.getClass().getSimpleName()
          + ": "
          + e.getMessage()
          + ". Set spark.dqgate.reportDir to a directory the driver can create and write. The run's"
          + " verdict was "
          + run.verdict()
          + "; the job's data and exit code ("
          + run.exitCode()
          + ") are not affected.";
    }
  }
}
