package e2eapp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Iceberg application (no dqgate import) writing with every Iceberg write kind to tables of
 * the hadoop catalog {@code ice} (namespace {@code db}). Args: {@code <good|bad>}. "good" creates
 * the tables and writes 1000 good rows with each kind; "bad" repeats each kind with bad rows. Then
 * it prints each table's state (rows, checksum) and current snapshot id.
 */
public final class IcebergWrites {
  private static final String[] TABLES = {
    "i_append", "i_writeto", "i_iow", "i_dynamic", "i_merge", "i_update", "i_rtas", "i_ctas"
  };

  public static void main(String[] args) {
    boolean good = args[0].equals("good");
    SparkSession spark = SparkSession.builder().appName("iceberg-writes-" + args[0]).getOrCreate();
    SinkRuns runs = new SinkRuns(spark);
    Dataset<Row> data = SinkRuns.rows(spark, good);
    data.createOrReplaceTempView("src");
    if (good) {
      for (String table : new String[] {"i_append", "i_writeto", "i_iow", "i_dynamic"}) {
        spark.sql(
            "CREATE TABLE ice.db."
                + table
                + " (id BIGINT, amount DOUBLE, p STRING) USING iceberg PARTITIONED BY (p)");
      }
      spark.sql(
          "CREATE TABLE ice.db.i_merge (id BIGINT, amount DOUBLE, p STRING) USING iceberg"
              + " PARTITIONED BY (p)");
      spark.sql(
          "CREATE TABLE ice.db.i_update (id BIGINT, amount DOUBLE, p STRING) USING iceberg"
              + " PARTITIONED BY (p) TBLPROPERTIES ('format-version' = '2',"
              + " 'write.update.mode' = 'merge-on-read', 'write.delete.mode' = 'merge-on-read')");
      spark.sql("INSERT INTO ice.db.i_merge SELECT * FROM src");
      spark.sql("INSERT INTO ice.db.i_update SELECT * FROM src");
    }
    runs.run(
        "iceberg-insert-into", () -> spark.sql("INSERT INTO ice.db.i_append SELECT * FROM src"));
    runs.run("iceberg-writeTo-append", () -> data.writeTo("ice.db.i_writeto").append());
    runs.run(
        "iceberg-insert-overwrite",
        () -> spark.sql("INSERT OVERWRITE ice.db.i_iow SELECT * FROM src"));
    runs.run(
        "iceberg-overwrite-partitions",
        () -> data.where("p = 'a'").writeTo("ice.db.i_dynamic").overwritePartitions());
    runs.run(
        "iceberg-merge-cow",
        () ->
            spark.sql(
                "MERGE INTO ice.db.i_merge t USING src s ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"));
    runs.run(
        "iceberg-update-mor",
        () ->
            spark.sql(
                good
                    ? "UPDATE ice.db.i_update SET amount = amount / 2 WHERE p = 'a'"
                    : "UPDATE ice.db.i_update SET amount = amount + 1000 WHERE p = 'a'"));
    runs.run(
        "iceberg-rtas",
        () ->
            spark.sql("CREATE OR REPLACE TABLE ice.db.i_rtas USING iceberg AS SELECT * FROM src"));
    String ctas = good ? "i_ctas" : "i_ctas_bad";
    runs.run(
        "iceberg-ctas",
        () -> spark.sql("CREATE TABLE ice.db." + ctas + " USING iceberg AS SELECT * FROM src"));
    if (good) {
      runs.run("iceberg-delete", () -> spark.sql("DELETE FROM ice.db.i_update WHERE id >= 990"));
    }
    for (String table : TABLES) {
      SinkRuns.state(table, spark.table("ice.db." + table));
      Row snapshot =
          spark
              .sql(
                  "SELECT snapshot_id FROM ice.db."
                      + table
                      + ".history WHERE is_current_ancestor ORDER BY made_current_at DESC LIMIT 1")
              .collectAsList()
              .get(0);
      System.out.println("SNAPSHOT " + table + " " + snapshot.getLong(0));
    }
    System.out.println("CTAS-BAD-EXISTS " + spark.catalog().tableExists("ice.db.i_ctas_bad"));
    runs.finish();
  }
}
