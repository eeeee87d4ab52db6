package io.dqgate.rules.check;

import io.dqgate.rules.DatasetId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gated datasets this run has judged so far, oldest first, with the numeric metrics each
 * computed in its own pass: what cross-stage rules compare with. The attached gate builds it from
 * its run ledger when a dataset is judged.
 *
 * @param stages the datasets judged so far, oldest first
 * @param problem why no stage of this run can be known here, or null
 */
public record RunStages(List<Stage> stages, String problem) {

  /** No run ledger: the dataset is judged on its own (e.g. {@code DqGate.check}). */
  public static final RunStages NONE =
      new RunStages(
          List.of(),
          "this dataset was judged outside a gated run (no other stage is known here): cross-stage"
              + " rules need the attached gate (spark.sql.extensions=io.dqgate.spark.DqGateExtensions)");

  public RunStages {
    stages = List.copyOf(stages);
  }

  public static RunStages of(List<Stage> stages) {
    return new RunStages(stages, null);
  }

  /**
   * The latest judged dataset a rule file calls {@code name} ({@link DatasetId#answersTo}), or null
   * when none was judged yet in this run.
   */
  public Stage find(String name) {
    for (int i = stages.size() - 1; i >= 0; i--) {
      if (stages.get(i).id().answersTo(name)) {
        return stages.get(i);
      }
    }
    return null;
  }

  /**
   * One judged dataset of this run.
   *
   * @param id its identity
   * @param checkedAt when it was judged
   * @param published false when the gate stopped its write
   * @param metrics numeric metric values by {@link MetricKey#label} name, as history records them
   */
  public record Stage(
      DatasetId id, Instant checkedAt, boolean published, Map<String, Double> metrics) {
    public Stage {
      metrics = Map.copyOf(metrics);
    }
  }
}
