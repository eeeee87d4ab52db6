package e2eapp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Delta Lake application (no dqgate import) writing with every Delta write kind, each to
 * its own destination under {@code <base>/delta/}. Args: {@code <base> <good|bad>}. "good" creates
 * the destinations and writes 1000 good rows with each kind; "bad" repeats each kind with bad rows.
 * Then it prints each destination's state (rows, checksum).
 */
public final class DeltaWrites {
  public static void main(String[] args) {
    String base = args[0] + "/delta/";
    boolean good = args[1].equals("good");
    SparkSession spark = SparkSession.builder().appName("delta-writes-" + args[1]).getOrCreate();
    SinkRuns runs = new SinkRuns(spark);
    Dataset<Row> data = SinkRuns.rows(spark, good);
    data.createOrReplaceTempView("src");
    if (good) {
      for (String table : new String[] {"d_insert", "d_iow", "d_dynamic", "d_merge", "d_update"}) {
        spark.sql(
            "CREATE TABLE "
                + table
                + " (id BIGINT, amount DOUBLE, p STRING) USING delta PARTITIONED BY (p) LOCATION '"
                + base
                + table
                + "'");
      }
      spark.sql("INSERT INTO d_merge SELECT * FROM src");
      spark.sql("INSERT INTO d_update SELECT * FROM src");
    } else {
      // The session catalog is in memory: register the tables the good run made (no new version).
      for (String table :
          new String[] {"d_insert", "d_iow", "d_dynamic", "d_rtas", "d_merge", "d_update"}) {
        spark.sql("CREATE TABLE " + table + " USING delta LOCATION '" + base + table + "'");
      }
    }
    runs.run(
        "delta-path-append",
        () -> data.write().format("delta").mode(SaveMode.Append).save(base + "path_append"));
    runs.run(
        "delta-path-overwrite",
        () -> data.write().format("delta").mode(SaveMode.Overwrite).save(base + "path_overwrite"));
    if (good) {
      // replaceWhere and dynamic overwrite need a partitioned table first.
      data.write().format("delta").partitionBy("p").save(base + "path_replace_where");
      data.write().format("delta").partitionBy("p").save(base + "path_dynamic");
    }
    runs.run(
        "delta-path-replaceWhere",
        () ->
            data.where("p = 'a'")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .option("replaceWhere", "p = 'a'")
                .save(base + "path_replace_where"));
    runs.run(
        "delta-path-dynamic-overwrite",
        () ->
            data.where("p = 'a'")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .save(base + "path_dynamic"));
    runs.run("delta-table-insertInto", () -> data.write().insertInto("d_insert"));
    runs.run(
        "delta-table-insert-overwrite",
        () -> spark.sql("INSERT OVERWRITE TABLE d_iow SELECT * FROM src"));
    runs.run(
        "delta-table-dynamic-overwrite",
        () -> {
          spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
          try {
            spark.sql("INSERT OVERWRITE TABLE d_dynamic SELECT * FROM src WHERE p = 'a'");
          } finally {
            spark.conf().set("spark.sql.sources.partitionOverwriteMode", "static");
          }
        });
    // CTAS: the good run creates d_rtas; the bad run tries a new table, d_ctas_bad.
    String ctas = good ? "d_rtas" : "d_ctas_bad";
    runs.run(
        "delta-ctas",
        () ->
            spark.sql(
                "CREATE TABLE "
                    + ctas
                    + " USING delta LOCATION '"
                    + base
                    + ctas
                    + "' AS SELECT * FROM src"));
    if (!good) {
      // A passing RTAS fails inside Delta 3.3.2 on Spark 3.5.7 ("does not support truncate in
      // batch mode"), with or without the gate: only the rejected one is exercised.
      runs.run(
          "delta-rtas",
          () ->
              spark.sql(
                  "CREATE OR REPLACE TABLE d_rtas USING delta LOCATION '"
                      + base
                      + "d_rtas' AS SELECT * FROM src"));
    }
    runs.run(
        "delta-merge",
        () ->
            spark.sql(
                "MERGE INTO d_merge t USING src s ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"));
    runs.run(
        "delta-update",
        () ->
            spark.sql(
                good
                    ? "UPDATE d_update SET amount = amount / 2 WHERE p = 'a'"
                    : "UPDATE d_update SET amount = amount + 1000 WHERE p = 'a'"));
    if (good) {
      runs.run("delta-delete", () -> spark.sql("DELETE FROM d_update WHERE id >= 990"));
    }
    for (String path :
        new String[] {
          "path_append",
          "path_overwrite",
          "path_replace_where",
          "path_dynamic",
          "d_insert",
          "d_iow",
          "d_dynamic",
          "d_rtas",
          "d_merge",
          "d_update"
        }) {
      SinkRuns.state(path, spark.read().format("delta").load(base + path));
    }
    System.out.println("CTAS-BAD-EXISTS " + spark.catalog().tableExists("d_ctas_bad"));
    runs.finish();
  }
}
