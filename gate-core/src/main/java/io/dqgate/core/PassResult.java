package io.dqgate.core;

/**
 * Metrics computed so far for one dataset, and how many Spark jobs the gate itself ran for them.
 */
public final class PassResult {
  private final Metrics metrics;
  private final int sparkJobs;

  PassResult(Metrics metrics, int sparkJobs) {
    this.metrics = metrics;
    this.sparkJobs = sparkJobs;
  }

  Metrics metrics() {
    return metrics;
  }

  /** Spark jobs the gate ran beyond the user's own (0 when pass one rode along a write). */
  public int sparkJobs() {
    return sparkJobs;
  }
}
