package io.dqgate.spark;

import io.dqgate.core.result.GateRun;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a run's reports (report.json, report.html, junit.xml) into a directory. */
final class ReportWriter {
  private ReportWriter() {}

  static void write(GateRun run, Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
  }
}
