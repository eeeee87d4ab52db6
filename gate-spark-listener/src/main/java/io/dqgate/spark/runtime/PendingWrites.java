package io.dqgate.spark.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes whose queries carry the gate's metrics, from planning (the optimizer rule) to commit. The
 * commit protocol finds its write by output path, or, when the writer commits into a staging
 * directory (Hive), by the metrics name in the running execution's plan.
 */
public final class PendingWrites {
  private final Map<String, PendingWrite> pending = new ConcurrentHashMap<>();
  private final AtomicLong writeCounter = new AtomicLong();

  PendingWrites() {}

  public String nextMetricsName() {
    return "dqgate_" + writeCounter.incrementAndGet();
  }

  public void expect(PendingWrite write) {
    pending.put(write.metricsName(), write);
  }

  /** The pending write to {@code outputPath} (scheme stripped), or null. */
  public PendingWrite pendingFor(String outputPath) {
    PendingWrite found = null;
    for (PendingWrite w : pending.values()) {
      if (w.outputPath().equals(outputPath)
          && (found == null || number(w.metricsName()) > number(found.metricsName()))) {
        found = w;
      }
    }
    return found;
  }

  /** The pending write whose metrics are named {@code metricsName}, or null. */
  public PendingWrite named(String metricsName) {
    return pending.get(metricsName);
  }

  public void done(PendingWrite write) {
    pending.remove(write.metricsName());
  }

  private static long number(String metricsName) {
    return Long.parseLong(metricsName.substring(metricsName.indexOf('_') + 1));
  }
}
