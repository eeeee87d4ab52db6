package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Base of the adapters whose writes are checked by one pass before the write starts ({@link
 * PrewritePass}): their plan is never rewritten, and the rows checked are {@link #query}.
 */
abstract class PrewriteTarget implements WriteTarget {

  @Override
  public final Pass pass() {
    return Pass.PRE_WRITE;
  }

  /** The path the write goes to, else its table, else the node's name. */
  @Override
  public String destinationKey(LogicalPlan write) {
    List<DatasetRef> refs = identities(write);
    for (DatasetRef ref : refs) {
      if (ref.kind() == DatasetRef.Kind.PATH) {
        return ref.name();
      }
    }
    return refs.isEmpty() ? write.nodeName() : refs.get(0).name();
  }

  @Override
  public final LogicalPlan withQuery(LogicalPlan write, LogicalPlan observed) {
    throw new UnsupportedOperationException(
        "Cannot put metrics into a "
            + write.nodeName()
            + " because "
            + getClass().getSimpleName()
            + " is checked by a pre-write pass, never in the write's own pass");
  }

  @Override
  public LogicalPlan writtenRows(LogicalPlan analyzedWrite) {
    return query(analyzedWrite);
  }
}
