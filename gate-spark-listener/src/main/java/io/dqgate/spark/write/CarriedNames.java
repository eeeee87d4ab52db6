package io.dqgate.spark.write;

import io.dqgate.spark.plan.Plans;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;

/**
 * The name of a table that {@code saveAsTable} / {@code CREATE TABLE … AS SELECT} creates, carried
 * to its file write: Spark gives the nested {@code InsertIntoHadoopFsRelationCommand} of a new
 * table no catalog table, only the path. The CTAS is seen first by the check rule on the caller's
 * thread; the nested write runs on the same thread, so the name is kept per thread, for one path.
 */
final class CarriedNames {
  private record Carried(String path, String table) {}

  private static final ThreadLocal<Carried> CARRIED = new ThreadLocal<>();

  private CarriedNames() {}

  /** Remembers the table a new-table CTAS writes and where (its location or default path). */
  static void carry(SparkSession spark, CreateDataSourceTableAsSelectCommand ctas) {
    CatalogTable table = ctas.table();
    String location =
        table.storage().locationUri().isDefined()
            ? table.storage().locationUri().get().toString()
            : spark.sessionState().catalog().defaultTablePath(table.identifier()).toString();
    CARRIED.set(new Carried(Plans.pathKey(location), table.identifier().unquotedString()));
  }

  /** The table carried for {@code pathKey} on this thread, or null. */
  static String tableFor(String pathKey) {
    Carried carried = CARRIED.get();
    return carried != null && carried.path().equals(pathKey) ? carried.table() : null;
  }
}
