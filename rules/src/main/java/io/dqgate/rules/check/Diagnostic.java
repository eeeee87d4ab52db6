package io.dqgate.rules.check;

import java.util.List;

/** A check computed from Spark task metrics of the stages that produced a dataset. */
public sealed interface Diagnostic extends Check
    permits PartitionSkew, Partitions, Spill, SmallFiles {

  /**
   * Judges the stages of one execution.
   *
   * @param stages the completed stages, in stage order (not empty)
   * @param where how sentences name them: "writing path out/x", "of SQL execution 7"
   */
  StageVerdict judge(List<? extends StageView> stages, String where);

  /** A verdict and the stage it is about. */
  record StageVerdict(StageView stage, Verdict verdict) {}
}
