package io.dqgate.spark.runtime;

/**
 * What the commit protocol needs of the running gate. Spark creates the protocol by class name, so
 * it cannot be handed the runtime: it looks this up with {@link GateRuntimes#current()}.
 */
public interface ActiveGate {
  Guard guard();

  /** True in enforce mode: a breached fail rule stops the write. */
  boolean enforcing();

  RunLedger ledger();

  PendingWrites pendingWrites();

  ExecutionDatasets executions();

  ObservedViews observedViews();
}
