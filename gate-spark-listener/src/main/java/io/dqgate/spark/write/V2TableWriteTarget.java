package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.plans.logical.AppendData;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OverwriteByExpression;
import org.apache.spark.sql.catalyst.plans.logical.OverwritePartitionsDynamic;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceData;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.catalyst.plans.logical.WriteDelta;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.write.RowLevelOperation;
import org.apache.spark.sql.connector.write.RowLevelOperationTable;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * Writes to a catalog table through DataSource V2 ({@code V2WriteCommand} on a {@code
 * DataSourceV2Relation}): Iceberg's {@code AppendData}, {@code OverwriteByExpression}, {@code
 * OverwritePartitionsDynamic} and row-level {@code ReplaceData} / {@code WriteDelta} (MERGE,
 * UPDATE; a DELETE is reported as not checked); Delta table writes ({@code insertInto}, {@code
 * INSERT}, {@code writeTo}) and Delta's {@code DeltaDynamicPartitionOverwriteCommand}. The
 * connector commits inside its own write (Iceberg a snapshot, Delta a log version), so the rows are
 * checked by a pre-write pass. Spark's own node types only: no Iceberg or Delta class is needed.
 */
final class V2TableWriteTarget extends PrewriteTarget {
  /** The column of {@code WriteDelta}'s rows that says what each row does; 1 is DELETE. */
  private static final String ROW_OPERATION = "__row_operation";

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    return node instanceof V2WriteCommand
        && relation(node) instanceof DataSourceV2Relation
        && !isDelete(node);
  }

  /**
   * True for the row-level write of a {@code DELETE}: it writes no new values (merge-on-read:
   * delete records only; copy-on-write: the rows left in the touched files), so it is reported as
   * not checked ({@link WriteNodes}).
   */
  static boolean isDelete(LogicalPlan write) {
    NamedRelation table =
        write instanceof ReplaceData rd
            ? rd.table()
            : write instanceof WriteDelta wd ? wd.table() : null;
    return table instanceof DataSourceV2Relation r
        && r.table() instanceof RowLevelOperationTable operation
        && operation.operation().command() == RowLevelOperation.Command.DELETE;
  }

  /** The table written: row-level writes go through a wrapper, their table is the original. */
  private static NamedRelation relation(LogicalPlan write) {
    if (write instanceof ReplaceData rd) {
      return rd.originalTable();
    }
    if (write instanceof WriteDelta wd) {
      return wd.originalTable();
    }
    return ((V2WriteCommand) write).table();
  }

  /** {@code catalog.namespace.table} as rules name it, then the table's location. */
  @Override
  public List<DatasetRef> identities(LogicalPlan write) {
    DataSourceV2Relation r = (DataSourceV2Relation) relation(write);
    List<DatasetRef> refs = new ArrayList<>();
    if (r.catalog().isDefined() && r.identifier().isDefined()) {
      refs.add(DatasetRef.table(r.catalog().get().name() + "." + r.identifier().get()));
    } else {
      refs.add(DatasetRef.table(r.table().name()));
    }
    String location =
        r.table().properties() == null
            ? null
            : r.table().properties().get(TableCatalog.PROP_LOCATION);
    if (location != null) {
      refs.add(DatasetRef.path(Plans.pathKey(location)));
    }
    return refs;
  }

  /**
   * The rows written. For {@code WriteDelta} (merge-on-read), the rows that carry data: DELETE rows
   * hold only a row id.
   */
  @Override
  public LogicalPlan query(LogicalPlan write) {
    LogicalPlan query = ((V2WriteCommand) write).query();
    if (write instanceof WriteDelta) {
      return Dataset.ofRows(SparkSession.active(), query)
          .where(org.apache.spark.sql.functions.col(ROW_OPERATION).notEqual(1))
          .logicalPlan();
    }
    return query;
  }

  @Override
  public String action(LogicalPlan write) {
    String provider = ((DataSourceV2Relation) relation(write)).table().getClass().getName();
    String format =
        provider.startsWith("org.apache.iceberg.")
            ? "iceberg table"
            : provider.startsWith("org.apache.spark.sql.delta.") ? "delta table" : "table";
    String how;
    if (write instanceof AppendData) {
      how = "append";
    } else if (write instanceof OverwriteByExpression) {
      how = "overwrite";
    } else if (write instanceof OverwritePartitionsDynamic
        || write.nodeName().equals("DeltaDynamicPartitionOverwriteCommand")) {
      how = "overwrite (dynamic partitions)";
    } else if (write instanceof ReplaceData) {
      how = "row-level rewrite (copy-on-write MERGE/UPDATE)";
    } else if (write instanceof WriteDelta) {
      how = "row-level delta (merge-on-read MERGE/UPDATE)";
    } else {
      how = write.nodeName();
    }
    return "write " + how + " " + format + " (pre-write pass)";
  }
}
