package e2eapp;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application (no dqgate import) that writes the same data with every file-write
 * kind. Args: {@code <base dir> <good|bad> [only-kind]}. "good" writes 1000 rows with amount in [0,
 * 99]; "bad" writes 500 rows with amounts up to 499. Each write that fails is reported and the app
 * goes on, then fails at the end, as a job with several independent outputs would.
 */
public final class WriteKinds {
  public static void main(String[] args) {
    String base = args[0];
    boolean good = args[1].equals("good");
    only = args.length > 2 ? args[2] : null;
    SparkSession spark = SparkSession.builder().appName("write-kinds-" + args[1]).getOrCreate();
    Dataset<Row> data =
        good
            ? spark.sql(
                "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p FROM range(0, 1000, 1, 4)")
            : spark.sql(
                "SELECT id, CAST(id AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p FROM range(0, 500, 1, 4)");
    data.createOrReplaceTempView("src");
    for (String table : List.of("t_insert", "t_iow", "t_static", "t_dynamic")) {
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id BIGINT, amount DOUBLE, p STRING) USING parquet"
              + (table.equals("t_static") || table.equals("t_dynamic") ? " PARTITIONED BY (p)" : "")
              + " LOCATION '"
              + base
              + "/e2e/"
              + table
              + "'");
    }
    List<String> failed = new ArrayList<>();
    run(
        failed,
        "path-overwrite",
        () -> data.write().mode(SaveMode.Overwrite).parquet(base + "/e2e/path_overwrite"));
    run(
        failed,
        "path-append",
        () -> data.write().mode(SaveMode.Append).parquet(base + "/e2e/path_append"));
    run(failed, "insertInto", () -> data.write().insertInto("t_insert"));
    run(
        failed,
        "insert-overwrite",
        () -> spark.sql("INSERT OVERWRITE TABLE t_iow SELECT id, amount, p FROM src"));
    run(
        failed,
        "static-partition-overwrite",
        () ->
            spark.sql(
                "INSERT OVERWRITE TABLE t_static PARTITION (p = 'a') SELECT id, amount FROM src"));
    run(
        failed,
        "dynamic-partition-overwrite",
        () -> {
          spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
          data.write().mode(SaveMode.Overwrite).insertInto("t_dynamic");
          spark.conf().set("spark.sql.sources.partitionOverwriteMode", "static");
        });
    spark.stop();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " writes failed: " + failed);
    }
  }

  private static String only;

  private static void run(List<String> failed, String kind, Runnable write) {
    if (only != null && !only.equals(kind)) {
      return;
    }
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
