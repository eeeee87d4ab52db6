package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.SeenWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceData;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.catalyst.plans.logical.WriteDelta;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoDataSourceCommand;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * Recognises every top-level write node, checked or not, and names its destination: the no-silent
 * pass record ({@link SeenWrite}). Writes an adapter of {@link WriteTargets#ALL} handles are
 * checked; every other write says why the gate cannot check it. Hive and Delta nodes are recognised
 * by class name and read by guarded reflection, so nothing fails when their jars are absent or of
 * another version.
 */
final class WriteNodes {
  /** Commands by class name (Hive, Delta): how their destination table is read. */
  private static final Set<String> BY_NAME =
      Set.of(
          "InsertIntoHiveTable",
          "CreateHiveTableAsSelectCommand",
          "OptimizedCreateHiveTableAsSelectCommand",
          "MergeIntoCommand",
          "UpdateCommand",
          "DeleteCommand",
          "DeltaDynamicPartitionOverwriteCommand",
          "WriteIntoDelta");

  /** Other commands that look like writes (the fallback: reported, never silently passed). */
  private static final Pattern WRITE_LIKE =
      Pattern.compile("(InsertInto|Save|Merge|Update|Delete|Append|Overwrite|Write).*|.*Write.*");

  /** Why a DELETE (Delta's, or a row-level one in Iceberg) is not checked. */
  private static final String NOT_CHECKED_DELETE =
      "does not check DELETE: it writes no new values, and checking the rows left would cost a"
          + " pass over the whole table";

  private WriteNodes() {}

  /** The write {@code plan} is (its root), or null when it is no write. */
  static SeenWrite describe(SparkSession spark, LogicalPlan plan) {
    String kind = plan.nodeName();
    WriteTarget target = WriteTargets.find(plan);
    if (target != null) {
      return new SeenWrite(
          kind,
          target.identities(plan),
          true,
          target.pass() == WriteTarget.Pass.PRE_WRITE
              ? "checked by one pass before the write starts"
              : "checked in the write's own pass");
    }
    if (plan instanceof CreateDataSourceTableAsSelectCommand ctas) {
      CatalogTable table = ctas.table();
      List<DatasetRef> refs = new ArrayList<>();
      refs.add(DatasetRef.table(table.identifier().unquotedString()));
      if (table.storage().locationUri().isDefined()) {
        refs.add(DatasetRef.path(Plans.pathKey(table.storage().locationUri().get().toString())));
      }
      if (!spark.sessionState().catalog().tableExists(table.identifier())) {
        CarriedNames.carry(spark, ctas);
      }
      return new SeenWrite(
          kind, refs, true, "checked on its file write, in the write's own pass (name carried)");
    }
    if (HiveCtas.isDefinedAt(plan)) {
      return HiveCtas.seen(spark, plan);
    }
    if (plan instanceof ReplaceData rd && V2TableWriteTarget.isDelete(plan)) {
      return new SeenWrite(kind, v2Refs(rd.originalTable()), false, NOT_CHECKED_DELETE);
    }
    if (plan instanceof WriteDelta wd && V2TableWriteTarget.isDelete(plan)) {
      return new SeenWrite(kind, v2Refs(wd.originalTable()), false, NOT_CHECKED_DELETE);
    }
    if (plan instanceof ReplaceData rd) {
      return unchecked(kind, v2Refs(rd.originalTable()), "row-level operations (MERGE/UPDATE)");
    }
    if (plan instanceof WriteDelta wd) {
      return unchecked(kind, v2Refs(wd.originalTable()), "row-level operations (MERGE/UPDATE)");
    }
    if (plan instanceof V2WriteCommand v2) {
      return unchecked(kind, v2Refs(v2.table()), "table writes through a catalog (Iceberg, Delta)");
    }
    if (plan instanceof CreateTableAsSelect ctas) {
      return unchecked(kind, identifierRefs(ctas.name()), "CREATE TABLE AS SELECT in a catalog");
    }
    if (plan instanceof ReplaceTableAsSelect rtas) {
      return unchecked(kind, identifierRefs(rtas.name()), "REPLACE TABLE AS SELECT in a catalog");
    }
    if (plan.getClass().getSimpleName().equals("DeleteCommand")) {
      return new SeenWrite(kind, reflectedRefs(plan), false, NOT_CHECKED_DELETE);
    }
    if (plan instanceof InsertIntoDataSourceCommand insert
        && insert.logicalRelation().catalogTable().isDefined()) {
      return unchecked(
          kind,
          List.of(
              DatasetRef.table(
                  insert.logicalRelation().catalogTable().get().identifier().unquotedString())),
          "INSERT into a table of a V1 InsertableRelation source");
    }
    if (BY_NAME.contains(plan.getClass().getSimpleName())) {
      return unchecked(kind, reflectedRefs(plan), kind + " writes");
    }
    if (plan instanceof Command && WRITE_LIKE.matcher(plan.getClass().getSimpleName()).matches()) {
      return unchecked(
          kind, reflectedRefs(plan), "this kind of write (" + plan.getClass().getName() + ")");
    }
    return null;
  }

  private static SeenWrite unchecked(String kind, List<DatasetRef> refs, String what) {
    return new SeenWrite(kind, refs, false, "cannot check: dqgate does not check " + what + " yet");
  }

  private static List<DatasetRef> v2Refs(NamedRelation relation) {
    List<DatasetRef> refs = new ArrayList<>();
    refs.add(DatasetRef.table(relation.name()));
    if (relation instanceof DataSourceV2Relation r) {
      String location = r.table().properties().get("location");
      if (location != null) {
        refs.add(DatasetRef.path(Plans.pathKey(location)));
      }
    }
    return refs;
  }

  private static List<DatasetRef> identifierRefs(LogicalPlan name) {
    if (name instanceof ResolvedIdentifier id) {
      return List.of(DatasetRef.table(id.catalog().name() + "." + id.identifier().toString()));
    }
    return List.of();
  }

  /** The table a Hive or Delta command writes, read by reflection; empty when it cannot be read. */
  private static List<DatasetRef> reflectedRefs(LogicalPlan plan) {
    List<DatasetRef> refs = new ArrayList<>();
    for (String method : List.of("table", "tableDesc", "catalogTable")) {
      Object value = call(plan, method);
      if (value instanceof scala.Option<?> option) {
        value = option.isDefined() ? option.get() : null;
      }
      if (value instanceof CatalogTable table) {
        refs.add(DatasetRef.table(table.identifier().unquotedString()));
        if (table.storage().locationUri().isDefined()) {
          refs.add(DatasetRef.path(Plans.pathKey(table.storage().locationUri().get().toString())));
        }
        return refs;
      }
    }
    Object index = call(plan, "tahoeFileIndex");
    Object path = index == null ? null : call(index, "path");
    if (path != null) {
      refs.add(DatasetRef.path(Plans.pathKey(path.toString())));
    }
    return refs;
  }

  private static Object call(Object target, String name) {
    return Reflected.call(target, name);
  }
}
