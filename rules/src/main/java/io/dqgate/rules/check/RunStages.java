package io.dqgate.rules.check;

import io.dqgate.rules.DatasetId;
import java.time.Instant;
import java.util.LinkedHashMap;
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
   * The stage {@code name} as a rule of a later dataset finds it, or why it cannot: a {@link Found}
   * with either the stage or the reason (this dataset judged outside a run, or {@code name} not
   * judged yet).
   */
  public Found lookup(String name) {
    if (problem != null) {
      return new Found(null, problem);
    }
    Stage stage = find(name);
    return stage != null
        ? new Found(stage, null)
        : new Found(
            null,
            "it has not been checked in this run (yet): it runs later, is not gated, or no rule"
                + " block, view, table or path is called "
                + name);
  }

  /** A looked-up stage, or why there is none. */
  public record Found(Stage stage, String why) {}

  /**
   * A rule that reads another gated dataset of the same run ({@code cross_stage}, {@code
   * references}): that dataset computes in its own pass what {@link #feed} declares on its data.
   */
  public interface Reader {
    /** The other dataset, as the rule file names it. */
    String stage();

    /** Declares, on the other dataset's data, the metrics this rule will read from there. */
    void feed(PlanContext stageData);
  }

  /**
   * Reads the {@code stage} key every rule on another dataset has: required, "" when missing (the
   * problem is reported).
   */
  static String readStage(io.dqgate.rules.CheckReader in) {
    String stage = in.text("stage");
    if (!in.has("stage")) {
      in.needs(
          "\"stage\"", "add the dataset to compare with, by its rule name, e.g. stage: bronze");
    }
    return stage == null ? "" : stage;
  }

  /**
   * One judged dataset of this run.
   *
   * @param id its identity
   * @param checkedAt when it was judged
   * @param published false when the gate stopped its write
   * @param metrics metric values by {@link MetricKey#label} name: numbers as history records them,
   *     and {@link MetricKey.KeyFilter}s as byte[]
   */
  public record Stage(
      DatasetId id, Instant checkedAt, boolean published, Map<String, Object> metrics) {
    public Stage {
      metrics = Map.copyOf(metrics);
    }

    /** The numeric metrics, as history records them. */
    public Map<String, Double> numbers() {
      Map<String, Double> numbers = new LinkedHashMap<>();
      metrics.forEach(
          (label, v) -> {
            if (v instanceof Double d) {
              numbers.put(label, d);
            }
          });
      return numbers;
    }

    /** This stage as an earlier run of a history rule sees it. */
    History.Run asRun() {
      return new History.Run(id.title(), checkedAt, numbers());
    }
  }
}
