package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One kind of write plan node the gate can check (file writes, and later Delta, Iceberg, Hive,
 * JDBC): where it writes, which query feeds it, and how that query is observed. {@link
 * ObserveWritesRule} and {@link GateCommitProtocol} know writes only through this interface; every
 * adapter is listed in {@link WriteTargets#ALL}.
 *
 * <p>Every method but {@link #isDefinedAt} is called only with a node the adapter said it handles.
 */
public interface WriteTarget {
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

  /** The query whose rows are written: what the gate's metrics observe. */
  LogicalPlan query(LogicalPlan write);

  /**
   * {@code write} with {@code observed} (its {@link #query} wrapped in the gate's metrics) put
   * back.
   */
  LogicalPlan withQuery(LogicalPlan write, LogicalPlan observed);

  /** How the write is named in reports, e.g. {@code write overwrite table partition dt=1}. */
  String action(LogicalPlan write);

  /**
   * The rows written, as a plan for the extra pass of exact checks, from the write's analyzed plan.
   */
  LogicalPlan writtenRows(LogicalPlan analyzedWrite);
}
