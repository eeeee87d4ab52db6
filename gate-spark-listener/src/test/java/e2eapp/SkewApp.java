package e2eapp;

import static org.apache.spark.sql.functions.collect_list;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application (no dqgate import) with a key that is hot or not. Args: {@code <base
 * dir> <skewed|balanced>}. Writes an aggregation ({@code collect_list} per key, which map-side
 * combine cannot shrink) to {@code <base>/diag/agg} and a join with a 1,000-row dimension to {@code
 * <base>/diag/join}. "skewed": 80% of the 200,000 rows have key 0.
 */
public final class SkewApp {
  public static void main(String[] args) {
    String base = args[0];
    boolean skewed = args[1].equals("skewed");
    SparkSession spark = SparkSession.builder().appName("skew-" + args[1]).getOrCreate();
    String key = skewed ? "IF(id % 10 < 8, 0, id % 1000)" : "id % 1000";
    Dataset<Row> facts =
        spark.sql(
            "SELECT " + key + " AS k, id, concat('payload-', id) AS v FROM range(0, 200000, 1, 4)");
    Dataset<Row> names =
        spark.sql("SELECT id AS k, concat('name-', id) AS name FROM range(0, 1000, 1, 2)");
    facts
        .groupBy("k")
        .agg(collect_list("v").as("vs"))
        .write()
        .mode("overwrite")
        .parquet(base + "/diag/agg");
    System.out.println("WRITE-OK agg");
    facts.join(names, "k").write().mode("overwrite").parquet(base + "/diag/join");
    System.out.println("WRITE-OK join");
    spark.stop();
  }

  private SkewApp() {}
}
