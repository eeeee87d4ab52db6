package io.dqgate.spark.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.spark.runtime.TestFaults;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The listener's own code made to throw (test-only {@code FaultInjector} seam), fail-open: the
 * callback does not throw onto Spark's listener bus, the run records one warning, and stage
 * diagnostics switch off for that listener. A listener of its own, fed synthetic events, so the
 * session's listener keeps working for the other tests.
 */
class GateListenerFaultTest {
  @Test
  void aFaultInTheListenerIsOneWarningAndNeverReachesTheBus() {
    SparkSession spark = SparkTestSession.get();
    spark.range(1).count(); // starts the gate
    GateListener listener = new GateListener(TestGate.current());
    StageInfo stage = SyntheticEvents.stage(9001, 0, "faulty", 1);
    String where = "collecting a job's stages (stage diagnostics are off for the rest of this run)";
    try (var armed = TestFaults.arm("collecting a job's stages")) {
      listener.onJobStart(
          SyntheticEvents.jobStart(9001, SyntheticEvents.props(9001L, false), stage));
      listener.onJobStart(
          SyntheticEvents.jobStart(9002, SyntheticEvents.props(9001L, false), stage));
    }
    listener.onStageCompleted(SyntheticEvents.completed(stage)); // off now: ignored, no throw
    List<String> warnings =
        TestGate.current().snapshot().warnings().stream()
            .filter(w -> w.startsWith("dqgate internal error in " + where))
            .toList();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("injected fault"), warnings.get(0));
    assertEquals(1, spark.range(10).count() / 10, "the session's jobs still run");
  }
}
