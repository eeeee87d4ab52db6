package e2eapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * A plain Spark application (no dqgate import) whose one write is slow: 2000 rows in 4 partitions,
 * every 7th amount NULL, overwritten to {@code <base>/e2e/slow}. The first row of each partition
 * passes a UDF that drops a file named after its executor's PID into {@code <marker dir>} and
 * sleeps, so a test can kill that executor while the write's tasks run. Args: {@code <base dir>
 * <marker dir>}.
 */
public final class SlowWrite {
  private SlowWrite() {}

  public static void main(String[] args) {
    String base = args[0];
    String markers = args[1];
    SparkSession spark = SparkSession.builder().appName("slow-write").getOrCreate();
    spark.udf().register("slow", slow(markers), DataTypes.LongType);
    spark
        .sql(
            "SELECT slow(id) AS id, IF(id % 7 = 0, NULL, CAST(id % 100 AS DOUBLE)) AS amount"
                + " FROM range(0, 2000, 1, 4)")
        .write()
        .mode("overwrite")
        .parquet(base + "/e2e/slow");
    System.out.println("WRITE-OK");
    spark.stop();
  }

  private static UDF1<Long, Long> slow(String markers) {
    return id -> {
      if (id % 500 == 0) {
        try {
          Path dir = Files.createDirectories(Path.of(markers));
          Files.writeString(dir.resolve(ProcessHandle.current().pid() + "-" + id), "");
          Thread.sleep(4000);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return id;
    };
  }
}
