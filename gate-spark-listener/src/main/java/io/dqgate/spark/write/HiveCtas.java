package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.runtime.SeenWrite;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * A Hive CTAS ({@code CREATE TABLE t [STORED AS …] AS SELECT} with Hive support). Spark creates the
 * table, then runs a nested insert: {@code InsertIntoHiveTable} for text/SerDe tables (checked by
 * {@link HiveWriteTarget}, the table already named), or, for {@code STORED AS PARQUET/ORC}
 * (converted by {@code spark.sql.hive.convertMetastoreCtas}), a file write that knows only the
 * path, so the table's name is carried to it ({@link CarriedNames}). When the nested write fails,
 * the CTAS drops the table it created: a rejection leaves no table and no directory.
 */
final class HiveCtas {
  private static final List<String> NODES =
      List.of(
          "org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand",
          "org.apache.spark.sql.hive.execution.OptimizedCreateHiveTableAsSelectCommand");

  private HiveCtas() {}

  static boolean isDefinedAt(LogicalPlan plan) {
    return NODES.stream().anyMatch(name -> Reflected.is(plan, name))
        && Reflected.table(plan, "tableDesc") != null;
  }

  static SeenWrite seen(SparkSession spark, LogicalPlan plan) {
    CatalogTable table = Reflected.table(plan, "tableDesc");
    String location = CarriedNames.location(spark, table);
    String name = qualified(spark, table);
    if (!spark.sessionState().catalog().tableExists(table.identifier())) {
      CarriedNames.carry(location, name);
    }
    return new SeenWrite(
        plan.nodeName(),
        List.of(DatasetRef.table(name), DatasetRef.path(location)),
        true,
        "checked on its nested insert, in the write's own pass (name carried)");
  }

  /** {@code spark_catalog.db.t}, as the nested insert will name the table once created. */
  private static String qualified(SparkSession spark, CatalogTable table) {
    var id = table.identifier();
    String db =
        id.database().isDefined()
            ? id.database().get()
            : spark.sessionState().catalog().getCurrentDatabase();
    return "spark_catalog." + db + "." + id.table();
  }
}
