package io.dqgate.spark.runtime;

import io.dqgate.core.CheckPlan;
import io.dqgate.rules.DatasetId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Temp views created in observe mode: the current definition by lower-case name, every definition
 * by metrics name.
 */
public final class ObservedViews {
  private final Map<String, ObservedView> viewsByName = new ConcurrentHashMap<>();
  private final Map<String, ObservedView> viewsByMetrics = new LinkedHashMap<>();
  private final AtomicLong viewCounter = new AtomicLong();

  ObservedViews() {}

  /**
   * A temp view with rules was created in observe mode: its checks ride in the queries that read
   * it.
   */
  public ObservedView register(
      DatasetId id, CheckPlan plan, LogicalPlan definition, List<DatasetId> inputs) {
    String key = id.primary().name().toLowerCase(Locale.ROOT);
    String metricsName =
        ObservedView.PREFIX
            + key.replaceAll("[^a-z0-9_]", "_")
            + "_"
            + viewCounter.incrementAndGet();
    ObservedView view = new ObservedView(metricsName, id, plan, definition, inputs);
    synchronized (viewsByMetrics) {
      viewsByMetrics.put(metricsName, view);
    }
    viewsByName.put(key, view);
    return view;
  }

  public boolean any() {
    return !viewsByName.isEmpty();
  }

  /** The current observe-mode definition of temp view {@code name}, or null. */
  public ObservedView byName(String name) {
    return viewsByName.get(name.toLowerCase(Locale.ROOT));
  }

  public ObservedView byMetrics(String metricsName) {
    synchronized (viewsByMetrics) {
      return viewsByMetrics.get(metricsName);
    }
  }

  /** Removes and returns every definition never observed (the end of the run reports them). */
  public List<ObservedView> takeUnobserved() {
    List<ObservedView> never = new ArrayList<>();
    synchronized (viewsByMetrics) {
      for (var it = viewsByMetrics.values().iterator(); it.hasNext(); ) {
        ObservedView view = it.next();
        if (view.result() == null) {
          never.add(view);
          it.remove();
        }
      }
    }
    for (ObservedView view : never) {
      viewsByName.remove(view.ref().name().toLowerCase(Locale.ROOT), view);
    }
    return never;
  }
}
