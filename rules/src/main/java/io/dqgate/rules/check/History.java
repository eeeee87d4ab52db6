package io.dqgate.rules.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The metrics earlier runs recorded for one dataset ({@code spark.dqgate.history}), oldest first,
 * as change rules read them.
 *
 * @param runs earlier runs, oldest first
 * @param problem why there is no usable history (not configured, unreadable), or null
 * @param unreadable true when the history is configured but could not be read
 */
public record History(List<Run> runs, String problem, boolean unreadable) {

  /** No history configured. */
  public static final History NONE =
      new History(
          List.of(),
          "no metric history is configured: set spark.dqgate.history=<path> so runs are recorded",
          false);

  public History {
    runs = List.copyOf(runs);
  }

  /** A readable history. */
  public static History of(List<Run> runs) {
    return new History(runs, null, false);
  }

  /** A configured history that could not be read, for {@code reason}. */
  public static History unreadable(String reason) {
    return new History(List.of(), reason, true);
  }

  /**
   * One earlier run.
   *
   * @param run the run's name (Spark application id, or a generated id)
   * @param time when it ran
   * @param metrics numeric metric values by {@link MetricKey#label} name
   */
  public record Run(String run, Instant time, Map<String, Double> metrics) {
    public Run {
      metrics = Map.copyOf(metrics);
    }

    /** How messages name it: {@code run app-42 (2026-12-01T08:00:00Z)}. */
    public String describe() {
      return "run " + run + " (" + time + ")";
    }
  }
}
