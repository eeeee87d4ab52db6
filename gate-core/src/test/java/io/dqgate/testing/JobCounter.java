package io.dqgate.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs an action runs (like Deequ's SparkMonitor): the proof that checks riding in
 * a write's pass add no job. Counts every job, the gate's own included.
 */
public final class JobCounter extends SparkListener {
  private final AtomicInteger jobs = new AtomicInteger();

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  /** Runs {@code action} and returns how many Spark jobs started while it ran. */
  public static int count(SparkSession spark, Runnable action) {
    return measure(
            spark,
            () -> {
              action.run();
              return null;
            })
        .jobs();
  }

  public static <T> Counted<T> measure(SparkSession spark, Supplier<T> action) {
    JobCounter counter = new JobCounter();
    drain(spark);
    spark.sparkContext().addSparkListener(counter);
    try {
      T value = action.get();
      drain(spark);
      return new Counted<>(value, counter.jobs.get());
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  /** Waits until every event posted so far reached the listeners. */
  public static void drain(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }

  /** A value and the Spark jobs it took. */
  public record Counted<T>(T value, int jobs) {}
}
