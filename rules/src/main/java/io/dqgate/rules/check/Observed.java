package io.dqgate.rules.check;

import java.time.Instant;
import java.time.ZoneId;

/** The metric values computed for a dataset, and the run's clock, as judging sees them. */
public interface Observed {

  /** Rows of the dataset. */
  long rows();

  /** A count metric, 0 when absent. */
  long count(MetricKey key);

  /** A metric's value as Spark returned it (quartiles as double[]), or null. */
  Object value(MetricKey key);

  /** The time of the run, from the engine's clock. */
  Instant now();

  /** The session time zone: how dates and zone-less timestamps become instants. */
  ZoneId zone();

  /** The metrics earlier runs recorded for this dataset ({@code spark.dqgate.history}). */
  default History history() {
    return History.NONE;
  }

  /**
   * The other gated datasets this run has judged so far, with their metrics (cross-stage rules).
   */
  default RunStages runStages() {
    return RunStages.NONE;
  }
}
