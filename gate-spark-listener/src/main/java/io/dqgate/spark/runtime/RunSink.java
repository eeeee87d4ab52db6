package io.dqgate.spark.runtime;

import io.dqgate.core.result.GateRun;

/** Where the finished run goes once every observer is done (the reports). Must not throw. */
public interface RunSink {
  void write(GateRun run);
}
