package io.dqgate.spark;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The gate's Spark listener, added by the extension (no {@code spark.extraListeners} needed). Every
 * callback is guarded: a listener must never break the job.
 */
final class GateListener extends SparkListener {
  private static final AtomicBoolean ATTACHED = new AtomicBoolean();
  private final GateRuntime runtime;

  private GateListener(GateRuntime runtime) {
    this.runtime = runtime;
  }

  static void attach(SparkSession spark, GateRuntime runtime) {
    if (ATTACHED.compareAndSet(false, true)) {
      spark.sparkContext().addSparkListener(new GateListener(runtime));
    }
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd end) {
    Guard.run("writing the reports at application end", runtime::finish);
  }
}
