package e2eapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the sink applications share (no dqgate import): the good and bad rows, each write run with
 * its outcome printed ({@code WRITE-OK kind} / {@code WRITE-FAILED kind Exception: message}), the
 * Spark jobs each write started, counted by a listener ({@code JOBS kind all=N gate=M}, gate jobs
 * carry the local property {@code dqgate.internal}), and a destination's state ({@code STATE name
 * rows=N checksum=C}).
 */
final class SinkRuns {
  private final SparkSession spark;
  private final List<String> failed = new ArrayList<>();
  private final AtomicInteger all = new AtomicInteger();
  private final AtomicInteger gate = new AtomicInteger();

  SinkRuns(SparkSession spark) {
    this.spark = spark;
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onJobStart(SparkListenerJobStart job) {
                all.incrementAndGet();
                if (job.properties() != null
                    && "true".equals(job.properties().getProperty("dqgate.internal"))) {
                  gate.incrementAndGet();
                }
              }
            });
  }

  /**
   * 1000 good rows (amount in [0, 99], no nulls) or 500 bad ones (amounts up to 499, every tenth
   * null), partition column p in {a, b}.
   */
  static Dataset<Row> rows(SparkSession spark, boolean good) {
    return good
        ? spark.sql(
            "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p"
                + " FROM range(0, 1000, 1, 4)")
        : spark.sql(
            "SELECT id, IF(id % 10 = 0, NULL, CAST(id AS DOUBLE)) AS amount,"
                + " IF(id % 2 = 0, 'a', 'b') AS p FROM range(0, 500, 1, 4)");
  }

  private void drainListeners() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain in time", e);
    }
  }

  /** One write of the application (writeTo(...).append() declares a checked exception). */
  interface Write {
    void run() throws Exception;
  }

  void run(String kind, Write write) {
    drainListeners();
    all.set(0);
    gate.set(0);
    try {
      write.run();
      System.out.println("WRITE-OK " + kind);
    } catch (Exception e) {
      Throwable t = e;
      while (t.getCause() != null
          && !t.getClass().getSimpleName().equals("GateRejectedException")) {
        t = t.getCause();
      }
      System.out.println(
          "WRITE-FAILED " + kind + " " + t.getClass().getSimpleName() + ": " + t.getMessage());
      failed.add(kind);
    }
    drainListeners();
    System.out.println("JOBS " + kind + " all=" + all.get() + " gate=" + gate.get());
  }

  /** Prints the row count and an order-free checksum of {@code data}. */
  static void state(String name, Dataset<Row> data) {
    Row row = data.selectExpr("count(*)", "coalesce(sum(xxhash64(*)), 0)").collectAsList().get(0);
    System.out.println("STATE " + name + " rows=" + row.getLong(0) + " checksum=" + row.getLong(1));
  }

  /** Fails the application when a write failed, as a job with several outputs would. */
  void finish() {
    spark.stop();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " writes failed: " + failed);
    }
  }
}
