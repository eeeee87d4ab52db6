package e2eapp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application (no dqgate import): creates temp view {@code checked_v}, then
 * overwrites {@code <base>/e2e/out} with its 500 rows (amount 0..99). Each step that fails is
 * printed ({@code VIEW-FAILED} / {@code WRITE-FAILED} with the innermost message) and the app goes
 * on, so the exit code is the gate's alone. Args: {@code <base dir>}.
 */
public final class ViewThenWrite {
  private ViewThenWrite() {}

  public static void main(String[] args) {
    String base = args[0];
    SparkSession spark = SparkSession.builder().appName("view-then-write").getOrCreate();
    Dataset<Row> data =
        spark.sql("SELECT id, CAST(id % 100 AS DOUBLE) AS amount FROM range(0, 500, 1, 4)");
    step("VIEW", () -> data.createOrReplaceTempView("checked_v"));
    step("WRITE", () -> data.write().mode("overwrite").parquet(base + "/e2e/out"));
    spark.stop();
  }

  private static void step(String name, Runnable body) {
    try {
      body.run();
      System.out.println(name + "-OK");
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      System.out.println(
          name + "-FAILED " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
      System.out.println(
          name + "-CAUSE " + t.getClass().getName() + ": " + firstLine(t.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().split("\\R", 2)[0];
  }
}
