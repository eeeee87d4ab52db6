package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.WriteFiles;

/**
 * File writes ({@code InsertIntoHadoopFsRelationCommand}): path writes, {@code insertInto} and
 * {@code INSERT} into data source tables. After the optimizer's {@code V1Writes} the query sits
 * under a {@code WriteFiles} node; the gate observes the query below it.
 */
final class FileWriteTarget implements WriteTarget {

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    return node instanceof InsertIntoHadoopFsRelationCommand;
  }

  private static InsertIntoHadoopFsRelationCommand cast(LogicalPlan write) {
    return (InsertIntoHadoopFsRelationCommand) write;
  }

  @Override
  public List<DatasetRef> identities(LogicalPlan node) {
    InsertIntoHadoopFsRelationCommand write = cast(node);
    List<DatasetRef> refs = new ArrayList<>();
    if (write.catalogTable().isDefined()) {
      refs.add(DatasetRef.table(write.catalogTable().get().identifier().unquotedString()));
    } else if (CarriedNames.tableFor(destinationKey(write)) != null) {
      // A new table created by saveAsTable / CTAS: its name, carried from the CTAS.
      refs.add(DatasetRef.table(CarriedNames.tableFor(destinationKey(write))));
    }
    refs.add(DatasetRef.path(destinationKey(write)));
    return refs;
  }

  @Override
  public String destinationKey(LogicalPlan write) {
    return Plans.pathKey(cast(write).outputPath().toString());
  }

  @Override
  public LogicalPlan query(LogicalPlan write) {
    LogicalPlan query = cast(write).query();
    return query instanceof WriteFiles wf ? wf.child() : query;
  }

  @Override
  public LogicalPlan withQuery(LogicalPlan node, LogicalPlan observed) {
    InsertIntoHadoopFsRelationCommand write = cast(node);
    LogicalPlan newQuery =
        write.query() instanceof WriteFiles wf
            ? wf.withNewChildren(Plans.seq(List.of(observed)))
            : observed;
    return write.withNewChildren(Plans.seq(List.of(newQuery)));
  }

  @Override
  public String action(LogicalPlan node) {
    InsertIntoHadoopFsRelationCommand write = cast(node);
    String mode =
        write.mode() == SaveMode.Overwrite
            ? "overwrite"
            : write.mode().name().toLowerCase(Locale.ROOT);
    String target = write.catalogTable().isDefined() ? "table" : "path";
    String partitions =
        write.staticPartitions().isEmpty()
            ? ""
            : " partition " + write.staticPartitions().mkString(",");
    boolean dynamic =
        write.mode() == SaveMode.Overwrite
            && !write.partitionColumns().isEmpty()
            && write.staticPartitions().size() < write.partitionColumns().size();
    return "write " + mode + " " + target + partitions + (dynamic ? " (partitioned)" : "");
  }

  @Override
  public LogicalPlan writtenRows(LogicalPlan analyzedWrite) {
    return cast(analyzedWrite).query();
  }
}
