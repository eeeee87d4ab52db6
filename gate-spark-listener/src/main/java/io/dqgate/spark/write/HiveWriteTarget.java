package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.WriteFiles;

/**
 * Writes into Hive-format tables ({@code InsertIntoHiveTable}: {@code INSERT INTO/OVERWRITE} of a
 * table created by plain {@code CREATE TABLE t (…)} with Hive support, static and dynamic
 * partitions, and the nested insert of a Hive CTAS). Checked in the write's own pass, like file
 * writes: the query sits under {@code WriteFiles}, and Hive writes its files through the session's
 * commit protocol into a staging directory that {@code loadTable}/{@code loadPartition} move into
 * place only after the job committed, so a rejection in {@code commitJob} leaves the table as it
 * was. The commit protocol's path is that staging directory, not the table's location: {@link
 * GateCommitProtocol} finds the write by its metrics in the running execution instead.
 *
 * <p>spark-hive is optional at run time: the node is matched by class name and read by guarded
 * reflection; a node whose table cannot be read (another spark-hive version) is not handled here
 * and is reported as a write the gate cannot check.
 */
final class HiveWriteTarget implements WriteTarget {
  static final String NODE = "org.apache.spark.sql.hive.execution.InsertIntoHiveTable";

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    if (!Reflected.is(node, NODE) || node.children().size() != 1) {
      return false;
    }
    CatalogTable table = table(node);
    return table != null && table.storage().locationUri().isDefined();
  }

  private static CatalogTable table(LogicalPlan write) {
    return Reflected.table(write, "table");
  }

  @Override
  public List<DatasetRef> identities(LogicalPlan write) {
    List<DatasetRef> refs = new ArrayList<>();
    refs.add(DatasetRef.table(table(write).identifier().unquotedString()));
    refs.add(DatasetRef.path(destinationKey(write)));
    return refs;
  }

  @Override
  public String destinationKey(LogicalPlan write) {
    return Plans.pathKey(table(write).storage().locationUri().get().toString());
  }

  @Override
  public LogicalPlan query(LogicalPlan write) {
    LogicalPlan query = write.children().head();
    return query instanceof WriteFiles wf ? wf.child() : query;
  }

  @Override
  public LogicalPlan withQuery(LogicalPlan write, LogicalPlan observed) {
    LogicalPlan query = write.children().head();
    LogicalPlan newQuery =
        query instanceof WriteFiles wf
            ? wf.withNewChildren(Plans.seq(List.of(observed)))
            : observed;
    return write.withNewChildren(Plans.seq(List.of(newQuery)));
  }

  @Override
  public String action(LogicalPlan write) {
    String mode = Boolean.TRUE.equals(Reflected.call(write, "overwrite")) ? "overwrite" : "append";
    StringBuilder action = new StringBuilder("write " + mode + " hive table");
    List<String> fixed = new ArrayList<>();
    boolean dynamic = false;
    if (Reflected.call(write, "partition") instanceof scala.collection.Map<?, ?> spec) {
      var entries = spec.iterator();
      while (entries.hasNext()) {
        scala.Tuple2<?, ?> entry = (scala.Tuple2<?, ?>) entries.next();
        if (entry._2() instanceof scala.Option<?> value && value.isDefined()) {
          fixed.add(entry._1() + "=" + value.get());
        } else {
          dynamic = true;
        }
      }
    }
    if (!fixed.isEmpty()) {
      action.append(" partition ").append(String.join(",", fixed));
    }
    if (dynamic) {
      action.append(" (partitioned)");
    }
    return action.toString();
  }

  @Override
  public LogicalPlan writtenRows(LogicalPlan analyzedWrite) {
    return query(analyzedWrite);
  }
}
