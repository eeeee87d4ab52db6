package io.dqgate.spark.runtime;

/**
 * Test access to the runtime of the in-process test session (started by the session's extension).
 */
public final class TestGate {
  private TestGate() {}

  /** The running gate; fails when the test session did not start one. */
  public static GateRuntime current() {
    ActiveGate gate = GateRuntimes.current();
    if (!(gate instanceof GateRuntime runtime)) {
      throw new IllegalStateException(
          "Cannot find the gate because the test session did not start one: build a session first");
    }
    return runtime;
  }
}
