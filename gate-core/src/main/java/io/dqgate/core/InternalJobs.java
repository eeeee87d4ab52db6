package io.dqgate.core;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the gate's own Spark jobs with a local property that marks them, so listeners (the gate's
 * diagnostics, job counters) leave them out of the user's statistics, and the gate's own plan rules
 * do not check the gate's own queries.
 */
public final class InternalJobs {
  /** Local property set on every job the gate runs. */
  public static final String PROPERTY = "dqgate.internal";

  private static final String JOB_DESCRIPTION = "spark.job.description";
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private InternalJobs() {}

  /** True on a thread that is running a gate job right now. */
  public static boolean active() {
    return ACTIVE.get();
  }

  public static <T> T run(SparkSession spark, String description, Supplier<T> body) {
    SparkContext sc = spark.sparkContext();
    String previous = sc.getLocalProperty(PROPERTY);
    String previousDescription = sc.getLocalProperty(JOB_DESCRIPTION);
    boolean wasActive = ACTIVE.get();
    sc.setLocalProperty(PROPERTY, "true");
    sc.setLocalProperty(JOB_DESCRIPTION, description);
    ACTIVE.set(true);
    try {
      return body.get();
    } finally {
      ACTIVE.set(wasActive);
      sc.setLocalProperty(PROPERTY, previous);
      sc.setLocalProperty(JOB_DESCRIPTION, previousDescription);
    }
  }
}
