/**
 * Internal. The state of one gated application: the run's ledger (results, warnings, exit code),
 * the registries of pending writes, observed views and execution datasets, the guard that keeps
 * gate errors fail-open, the observers and sinks that follow the run, and its end. Public only for
 * the sibling packages; {@link io.dqgate.spark.runtime.GateRuntimes#current()} is the one static
 * lookup, for the commit protocol Spark creates by class name.
 */
package io.dqgate.spark.runtime;
