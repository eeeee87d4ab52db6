package io.dqgate.spark.runtime;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;

/**
 * Something that follows a gated run (lineage emission, diagnostics, views never observed).
 * Callbacks run on the thread that produced the event and must be quick and never throw (they are
 * guarded anyway).
 */
public interface RunObserver {
  /** The gate started for an application. */
  default void onStart(GateRuntime runtime) {}

  /** A dataset was decided (published or rejected). */
  default void onDataset(GateRuntime runtime, DatasetResult result) {}

  /** The run is ending: record what is still open, before any observer sees the run. */
  default void onEnding(GateRuntime runtime) {}

  /** The run ended; reports are about to be written from {@code run}. */
  default void onFinish(GateRuntime runtime, GateRun run) {}
}
