package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One kind of write plan node the gate can check (file writes, Delta, Iceberg, JDBC, …): where it
 * writes, which query feeds it, and {@linkplain #pass() where its checks are computed}. {@link
 * ObserveWritesRule}, {@link GateCommitProtocol} and {@link PrewritePass} know writes only through
 * this interface; every adapter is listed in {@link WriteTargets#ALL}.
 *
 * <p>Every method but {@link #isDefinedAt} is called only with a node the adapter said it handles.
 */
public interface WriteTarget {
  /** Where the gate computes a write's checks. */
  enum Pass {
    /**
     * In the write's own tasks ({@code CollectMetrics} under the write), decided by {@link
     * GateCommitProtocol} before publishing: no extra job for single-pass checks.
     */
    IN_WRITE,
    /**
     * In one pass over the rows about to be written, run by {@link PrewritePass} on the caller's
     * thread before the write starts: for sinks with no pre-publish hook the gate can use (Delta,
     * Iceberg, JDBC, …). One extra job for single-pass checks; the write's query is computed twice.
     */
    PRE_WRITE
  }

  /** Where this kind of write is checked; {@link Pass#IN_WRITE} unless the adapter says so. */
  default Pass pass() {
    return Pass.IN_WRITE;
  }

  /**
   * True when this adapter handles {@code node} (the root of an optimized or analyzed write plan).
   */
  boolean isDefinedAt(LogicalPlan node);

  /**
   * The destination's identities, in matching order: the table when there is one, then the path.
   */
  List<DatasetRef> identities(LogicalPlan write);

  /** The destination as the commit finds it again (e.g. the output path without scheme). */
  String destinationKey(LogicalPlan write);

  /**
   * The query whose rows are written: what the gate's metrics observe. For a {@link Pass#PRE_WRITE}
   * adapter, the analyzed rows its pre-write pass checks (e.g. a MERGE's source).
   */
  LogicalPlan query(LogicalPlan write);

  /**
   * {@code write} with {@code observed} (its {@link #query} wrapped in the gate's metrics) put
   * back. Called only for {@link Pass#IN_WRITE} adapters.
   */
  LogicalPlan withQuery(LogicalPlan write, LogicalPlan observed);

  /** How the write is named in reports, e.g. {@code write overwrite table partition dt=1}. */
  String action(LogicalPlan write);

  /**
   * The rows written, as a plan for the extra pass of exact checks, from the write's analyzed plan.
   */
  LogicalPlan writtenRows(LogicalPlan analyzedWrite);
}
