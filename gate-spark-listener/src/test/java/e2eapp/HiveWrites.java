package e2eapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application with Hive support (no dqgate import) that writes with every catalog
 * write kind: Hive-format tables (INSERT INTO/OVERWRITE, static and dynamic partitions), Hive CTAS
 * (text and STORED AS PARQUET), V1 CTAS, saveAsTable to a new table, append to an existing one and
 * overwrite of an existing one. Args: {@code <good|bad>}. "good" writes 1000 rows with amount in
 * [0, 99]; "bad" writes 500 rows with amounts up to 499, into the same tables (CTAS and new tables:
 * into new names ending in {@code _bad}). Each failed write is printed and the app goes on; at the
 * end it prints the state of every table (STATE lines) and fails when a write failed.
 */
public final class HiveWrites {
  static final List<String> TABLES =
      List.of(
          "h_iow",
          "h_ins",
          "h_static",
          "h_dyn",
          "h_ctas",
          "h_ctas_bad",
          "h_ctasp",
          "h_ctasp_bad",
          "v_ctas",
          "v_ctas_bad",
          "s_new",
          "s_new_bad",
          "s_app",
          "s_over");

  public static void main(String[] args) {
    boolean good = args[0].equals("good");
    SparkSession spark =
        SparkSession.builder().appName("hive-writes-" + args[0]).enableHiveSupport().getOrCreate();
    spark.sql("SET hive.exec.dynamic.partition.mode=nonstrict");
    Dataset<Row> data =
        good
            ? spark.sql(
                "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p"
                    + " FROM range(0, 1000, 1, 4)")
            : spark.sql(
                "SELECT id, CAST(id AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p"
                    + " FROM range(0, 500, 1, 4)");
    data.createOrReplaceTempView("src");
    for (String table : List.of("h_iow", "h_ins", "h_free")) {
      // Plain CREATE TABLE, as in the spark-sql shell: a Hive text table.
      spark.sql("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT, amount DOUBLE, p STRING)");
    }
    for (String table : List.of("h_static", "h_dyn")) {
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id BIGINT, amount DOUBLE) PARTITIONED BY (p STRING)");
    }
    String suffix = good ? "" : "_bad";
    List<String> failed = new ArrayList<>();
    AtomicInteger jobs = new AtomicInteger();
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
              }
            });
    if (good) {
      // The same Hive INSERT OVERWRITE into a table no rule names, then into a gated one.
      int ungated =
          countJobs(
              spark, jobs, () -> spark.sql("INSERT OVERWRITE TABLE h_free SELECT * FROM src"));
      int gated =
          countJobs(
              spark,
              jobs,
              () ->
                  run(
                      failed,
                      "hive-insert-overwrite",
                      () -> spark.sql("INSERT OVERWRITE TABLE h_iow SELECT * FROM src")));
      System.out.println("JOBS hive-insert-overwrite ungated=" + ungated + " gated=" + gated);
    } else {
      run(
          failed,
          "hive-insert-overwrite",
          () -> spark.sql("INSERT OVERWRITE TABLE h_iow SELECT * FROM src"));
    }
    run(failed, "hive-insert-into", () -> spark.sql("INSERT INTO h_ins SELECT * FROM src"));
    run(
        failed,
        "hive-static-partition",
        () ->
            spark.sql(
                "INSERT OVERWRITE TABLE h_static PARTITION (p = 'a') SELECT id, amount FROM src"));
    run(
        failed,
        "hive-dynamic-partition",
        () ->
            spark.sql("INSERT OVERWRITE TABLE h_dyn PARTITION (p) SELECT id, amount, p FROM src"));
    run(
        failed,
        "hive-ctas",
        () -> spark.sql("CREATE TABLE h_ctas" + suffix + " AS SELECT * FROM src"));
    run(
        failed,
        "hive-ctas-parquet",
        () ->
            spark.sql("CREATE TABLE h_ctasp" + suffix + " STORED AS PARQUET AS SELECT * FROM src"));
    run(
        failed,
        "v1-ctas",
        () -> spark.sql("CREATE TABLE v_ctas" + suffix + " USING parquet AS SELECT * FROM src"));
    run(failed, "saveAsTable-new", () -> data.write().saveAsTable("s_new" + suffix));
    run(
        failed,
        "saveAsTable-append",
        () -> data.write().mode(SaveMode.Append).saveAsTable("s_app"));
    if (good) {
      // Created by the first, overwritten (an existing table) by the second.
      data.write().mode(SaveMode.Overwrite).partitionBy("p").saveAsTable("s_over");
    }
    run(
        failed,
        "saveAsTable-overwrite",
        () -> data.write().mode(SaveMode.Overwrite).partitionBy("p").saveAsTable("s_over"));
    for (String table : TABLES) {
      System.out.println("STATE " + state(spark, table));
    }
    spark.stop();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " writes failed: " + failed);
    }
  }

  private static int countJobs(SparkSession spark, AtomicInteger jobs, Runnable write) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      int before = jobs.get();
      write.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return jobs.get() - before;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The table as a reader sees it: rows, a content digest and its partitions. */
  private static String state(SparkSession spark, String table) {
    if (!spark.catalog().tableExists(table)) {
      return table + " absent";
    }
    Row row =
        spark
            .sql(
                "SELECT COUNT(*), SUM(id), SUM(amount), MAX(amount), SUM(HASH(id, amount, p)) FROM "
                    + table)
            .first();
    String partitions =
        List.of("h_static", "h_dyn", "s_over").contains(table)
            ? String.join(
                ",",
                spark
                    .sql("SHOW PARTITIONS " + table)
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList())
            : "-";
    return table
        + " rows="
        + row.get(0)
        + " sumId="
        + row.get(1)
        + " sumAmount="
        + row.get(2)
        + " maxAmount="
        + row.get(3)
        + " hash="
        + row.get(4)
        + " partitions="
        + partitions;
  }

  private static void run(List<String> failed, String kind, Runnable write) {
    try {
      write.run();
      System.out.println("WRITE-OK " + kind);
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t.getCause() != null
          && !t.getClass().getSimpleName().equals("GateRejectedException")) {
        t = t.getCause();
      }
      System.out.println(
          "WRITE-FAILED " + kind + " " + t.getClass().getSimpleName() + ": " + t.getMessage());
      failed.add(kind);
    }
  }
}
