package io.dqgate.spark.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.GateRun;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unwritable report directory is one clear sentence, never an exception out of the end of the
 * run. (Tests may run as root, so "unwritable" is a directory under a regular file: no permission
 * bits make that writable.) The exit code of a real run with it is in {@code FaultInjectionIT}.
 */
class ReportSinkTest {
  @Test
  void anUnwritableReportDirIsOneSentenceNotAnException(@TempDir Path dir) throws Exception {
    SparkTestSession.get().range(1).count();
    GateRun run = TestGate.current().snapshot();
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Path reports = file.resolve("reports");
    ReportSink sink = new ReportSink(reports);
    String problem = sink.tryWrite(run);
    assertTrue(
        problem.startsWith("Cannot write the reports to " + reports.toAbsolutePath() + " because"),
        problem);
    assertTrue(
        problem.contains(
            "Set spark.dqgate.reportDir to a directory the driver can create and write."),
        problem);
    assertTrue(problem.endsWith("are not affected."), problem);
    sink.write(run); // logs, never throws
    assertFalse(Files.exists(reports));
    assertNull(new ReportSink(dir.resolve("ok")).tryWrite(run));
    assertTrue(Files.exists(dir.resolve("ok/report.json")));
  }
}
