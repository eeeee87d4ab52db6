package io.dqgate.spark;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;

/**
 * Something that follows a gated run (lineage emission, diagnostics). Callbacks run on the thread that
 * produced the event and must be quick and never throw (they are guarded anyway).
 */
interface RunObserver {
  /** The gate started for an application. */
  default void onStart(GateRuntime runtime) {}

  /** A dataset was decided (published or rejected). */
  default void onDataset(GateRuntime runtime, DatasetResult result) {}

  /** The run ended; reports are about to be written from {@code run}. */
  default void onFinish(GateRuntime runtime, GateRun run) {}
}
