package spike;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceData;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.catalyst.plans.logical.WriteDelta;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.SaveIntoDataSourceCommand;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * The spike's adapters, one branch per write node. Spark's own nodes (spark-sql, always present)
 * are matched by type; spark-hive, Delta and Iceberg nodes by class name and read by reflection, so
 * this class loads and runs with none of them on the classpath.
 */
final class WriteTargets {
  static final String HIVE_INSERT = "org.apache.spark.sql.hive.execution.InsertIntoHiveTable";
  static final String HIVE_CTAS =
      "org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand";
  static final String HIVE_CTAS_OPT =
      "org.apache.spark.sql.hive.execution.OptimizedCreateHiveTableAsSelectCommand";
  static final String DELTA_WRITE = "org.apache.spark.sql.delta.commands.WriteIntoDelta";
  static final String DELTA_DPO =
      "org.apache.spark.sql.delta.commands.DeltaDynamicPartitionOverwriteCommand";
  static final String DELTA_MERGE = "org.apache.spark.sql.delta.commands.MergeIntoCommand";
  static final String DELTA_UPDATE = "org.apache.spark.sql.delta.commands.UpdateCommand";
  static final String DELTA_DELETE = "org.apache.spark.sql.delta.commands.DeleteCommand";
  static final String DELTA_SOURCE = "org.apache.spark.sql.delta.sources.DeltaDataSource";
  static final String JDBC_SOURCE =
      "org.apache.spark.sql.execution.datasources.jdbc.JdbcRelationProvider";

  private WriteTargets() {}

  static WriteTarget identify(SparkSession spark, LogicalPlan plan) {
    String node = plan.getClass().getSimpleName();
    if (plan instanceof InsertIntoHadoopFsRelationCommand w) {
      String table = w.catalogTable().isDefined() ? name(w.catalogTable().get()) : null;
      return new WriteTarget("file", node, table, w.outputPath().toString(), w.query());
    }
    if (plan instanceof CreateDataSourceTableAsSelectCommand c) {
      // The inner InsertIntoHadoopFsRelationCommand has catalogTable=None: the name is only here.
      return new WriteTarget("ctas", node, name(c.table()), location(spark, c.table()), c.query());
    }
    if (plan instanceof SaveIntoDataSourceCommand s) {
      String source = s.dataSource().getClass().getName();
      String path = s.options().get("path").getOrElse(() -> null);
      if (source.equals(DELTA_SOURCE)) {
        return new WriteTarget("delta-path", node, null, path, s.query());
      }
      if (source.equals(JDBC_SOURCE)) {
        String url = s.options().get("url").getOrElse(() -> null);
        return new WriteTarget(
            "jdbc", node, s.options().get("dbtable").getOrElse(() -> null), url, s.query());
      }
      return new WriteTarget("v1-source:" + source, node, null, path, s.query());
    }
    if (plan instanceof V2WriteCommand v2) {
      // AppendData, OverwriteByExpression, OverwritePartitionsDynamic, ReplaceData, WriteDelta.
      String table = null;
      String path = null;
      String provider = "v2";
      // ReplaceData/WriteDelta write through a row-level operation wrapper: the table is
      // originalTable.
      Object relation =
          plan instanceof ReplaceData rd
              ? rd.originalTable()
              : plan instanceof WriteDelta wd ? wd.originalTable() : v2.table();
      if (relation instanceof DataSourceV2Relation r) {
        table =
            (r.catalog().isDefined() ? r.catalog().get().name() + "." : "")
                + (r.identifier().isDefined() ? r.identifier().get().toString() : r.table().name());
        path = location(r.table());
        provider = r.table().getClass().getName();
      }
      String kind =
          provider.contains("iceberg") ? "iceberg" : provider.contains("delta") ? "delta-v2" : "v2";
      LogicalPlan rows = v2.query();
      if (node.equals("WriteDelta")) {
        // Row-level delta: DELETE rows (__row_operation = 1) carry no data; check the others.
        rows = Dataset.ofRows(spark, rows).where("__row_operation <> 1").logicalPlan();
      }
      return new WriteTarget(kind, node, table, path, rows);
    }
    if (plan instanceof CreateTableAsSelect || plan instanceof ReplaceTableAsSelect) {
      // V2 CTAS/RTAS (DeltaCatalog, Iceberg SparkCatalog): the name is a ResolvedIdentifier.
      LogicalPlan name =
          plan instanceof CreateTableAsSelect c ? c.name() : ((ReplaceTableAsSelect) plan).name();
      LogicalPlan query =
          plan instanceof CreateTableAsSelect c ? c.query() : ((ReplaceTableAsSelect) plan).query();
      String table =
          name instanceof ResolvedIdentifier r
              ? r.catalog().name() + "." + r.identifier()
              : name.toString();
      return new WriteTarget("v2-ctas", node, table, null, query);
    }
    String cls = plan.getClass().getName();
    switch (cls) {
      case HIVE_INSERT:
        {
          CatalogTable t = (CatalogTable) Reflect.call(plan, "table");
          return new WriteTarget(
              "hive",
              node,
              name(t),
              t.location().toString(),
              (LogicalPlan) Reflect.call(plan, "query"));
        }
      case HIVE_CTAS:
      case HIVE_CTAS_OPT:
        {
          CatalogTable t = (CatalogTable) Reflect.call(plan, "tableDesc");
          return new WriteTarget(
              "hive-ctas",
              node,
              name(t),
              location(spark, t),
              (LogicalPlan) Reflect.call(plan, "query"));
        }
      case DELTA_WRITE:
        {
          Object log = Reflect.call(plan, "deltaLog");
          CatalogTable t = (CatalogTable) Reflect.option(Reflect.call(plan, "catalogTableOpt"));
          Dataset<?> data = (Dataset<?>) Reflect.call(plan, "data");
          return new WriteTarget(
              "delta",
              node,
              t == null ? null : name(t),
              str(Reflect.call(log, "dataPath")),
              data.logicalPlan());
        }
      case DELTA_DPO:
        {
          Object table = Reflect.call(plan, "deltaTable");
          CatalogTable t = (CatalogTable) Reflect.option(Reflect.call(table, "catalogTable"));
          return new WriteTarget(
              "delta",
              node,
              t == null ? null : name(t),
              str(Reflect.call(table, "path")),
              (LogicalPlan) Reflect.call(plan, "query"));
        }
      case DELTA_MERGE:
        {
          CatalogTable t = (CatalogTable) Reflect.option(Reflect.call(plan, "catalogTable"));
          Object index = Reflect.call(plan, "targetFileIndex");
          // Checked rows: the merge source (the rows the merge may insert or use for updates).
          return new WriteTarget(
              "delta-merge",
              node,
              t == null ? null : name(t),
              str(Reflect.call(index, "path")),
              (LogicalPlan) Reflect.call(plan, "source"));
        }
      case DELTA_UPDATE:
        {
          CatalogTable t = (CatalogTable) Reflect.option(Reflect.call(plan, "catalogTable"));
          Object index = Reflect.call(plan, "tahoeFileIndex");
          return new WriteTarget(
              "delta-update",
              node,
              t == null ? null : name(t),
              str(Reflect.call(index, "path")),
              DeltaUpdateRows.changedRows(spark, plan));
        }
      case DELTA_DELETE:
        {
          CatalogTable t = (CatalogTable) Reflect.option(Reflect.call(plan, "catalogTable"));
          Object log = Reflect.call(plan, "deltaLog");
          return new WriteTarget(
              "delta-delete",
              node,
              t == null ? null : name(t),
              str(Reflect.call(log, "dataPath")),
              null);
        }
      default:
        return null;
    }
  }

  static String name(CatalogTable t) {
    return t == null ? null : t.identifier().unquotedString();
  }

  private static String location(SparkSession spark, CatalogTable t) {
    if (t.storage().locationUri().isDefined()) {
      return t.storage().locationUri().get().toString();
    }
    return spark.sessionState().catalog().defaultTablePath(t.identifier()).toString();
  }

  private static String location(Table table) {
    return table.properties() == null ? null : table.properties().get(TableCatalog.PROP_LOCATION);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
