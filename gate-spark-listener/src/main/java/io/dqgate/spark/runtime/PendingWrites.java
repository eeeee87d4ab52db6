package io.dqgate.spark.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File writes whose queries carry the gate's metrics, from planning (the optimizer rule) to commit.
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

  public void done(PendingWrite write) {
    pending.remove(write.metricsName());
  }

  private static long number(String metricsName) {
    return Long.parseLong(metricsName.substring(metricsName.indexOf('_') + 1));
  }
}
