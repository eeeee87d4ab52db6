package io.dqgate.spark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A warning's log line carries the "dqgate: " prefix exactly once. */
class RunLedgerLogTest {
  @Test
  void aPlainWarningGetsThePrefix() {
    assertEquals(
        "dqgate: mapreduce.fileoutputcommitter.algorithm.version is 2",
        RunLedger.logLine("mapreduce.fileoutputcommitter.algorithm.version is 2"));
  }

  @Test
  void aGuardedListenerFaultIsNotPrefixedTwice() {
    // The message the Guard hands the ledger when a listener callback throws.
    String message =
        "dqgate internal error in collecting a job's stages: java.lang.IllegalStateException: boom";
    assertEquals(message, RunLedger.logLine(message));
  }
}
