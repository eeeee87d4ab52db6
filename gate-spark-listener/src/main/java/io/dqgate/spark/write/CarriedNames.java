package io.dqgate.spark.write;

import io.dqgate.spark.plan.Plans;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;

/**
 * The name of a table that {@code saveAsTable} / {@code CREATE TABLE … AS SELECT} (also a Hive CTAS
 * {@code STORED AS PARQUET}, written as a file write) creates, carried to its file write: Spark
 * gives the nested {@code InsertIntoHadoopFsRelationCommand} of a new table no catalog table, only
 * the path. The CTAS is seen first by the check rule on the caller's thread; the nested write runs
 * on the same thread, so the name is kept per thread, for one path.
 */
final class CarriedNames {
  private record Carried(String path, String table) {}

  private static final ThreadLocal<Carried> CARRIED = new ThreadLocal<>();

  private CarriedNames() {}

  /** Remembers the table a new-table CTAS writes and where (its location or default path). */
  static void carry(SparkSession spark, CreateDataSourceTableAsSelectCommand ctas) {
    CatalogTable table = ctas.table();
    carry(location(spark, table), table.identifier().unquotedString());
  }

  /** Where a table being created writes (its location, or the default path): a path key. */
  static String location(SparkSession spark, CatalogTable table) {
    return Plans.pathKey(
        table.storage().locationUri().isDefined()
            ? table.storage().locationUri().get().toString()
            : spark.sessionState().catalog().defaultTablePath(table.identifier()).toString());
  }

  /**
   * Remembers that the next write to {@code pathKey} on this thread creates table {@code table}.
   */
  static void carry(String pathKey, String table) {
    CARRIED.set(new Carried(pathKey, table));
  }

  /** The table carried for {@code pathKey} on this thread, or null. */
  static String tableFor(String pathKey) {
    Carried carried = CARRIED.get();
    return carried != null && carried.path().equals(pathKey) ? carried.table() : null;
  }
}
