package io.dqgate.spark.diagnostics;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.Diagnostic;
import io.dqgate.rules.check.PartitionSkew;
import io.dqgate.rules.check.RuleMeta;
import io.dqgate.rules.check.SmallFiles;
import io.dqgate.rules.check.Spill;
import io.dqgate.rules.check.Stages;
import io.dqgate.rules.check.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Diagnostics rules → outcomes, from the stages of one SQL execution (pure: no Spark, no state).
 * Each diagnostic kind judges the stages itself ({@link Diagnostic#judge}); this runs them, places
 * each outcome on the stage it is about, and adds the built-in advisory levels:
 *
 * <ul>
 *   <li>{@code partition_skew}: per stage with at least 2 tasks, max/median of the per-task
 *       shuffle-read bytes ({@code metric: bytes}) or run time ({@code time}); only stages whose
 *       largest task reached {@code min_bytes} / {@code min_millis} are judged, so tiny stages and
 *       shuffles that AQE coalesced into a few tasks never alarm. The worst judged stage decides.
 *   <li>{@code partitions}: {@code min}/{@code max} on the task count of the stage that wrote the
 *       dataset; {@code max_empty_fraction} on the stage with the largest share of tasks that read
 *       and wrote nothing.
 *   <li>{@code spill}: disk spill summed over the stages.
 *   <li>{@code small_files}: average size of the files written, when at least {@code min_files}
 *       were.
 * </ul>
 *
 * <p>Without a rule of a kind, the {@link #ADVISORY built-in advisory level} of that kind applies
 * and reports what it finds as INFO outcomes, which never affect the exit code.
 */
final class StageDiagnostics {
  static final SourceLocation ADVISORY_SOURCE =
      SourceLocation.unknown(
          "dqgate built-in advisory (no rule; add a diagnostics rule to set a threshold or fail the run)");

  /** What is reported without rules: heavy skew, any disk spill, many small files. */
  static final List<Diagnostic> ADVISORY =
      List.of(
          new PartitionSkew(advisory("advisory.partition_skew"), "bytes", 5.0, 64L << 20, 1000),
          new Spill(advisory("advisory.spill"), 0),
          new SmallFiles(advisory("advisory.small_files"), 8L << 20, 8));

  private StageDiagnostics() {}

  /** A stage (with its dataset set) and the outcomes about it, possibly none. */
  record Finding(StageSummary stage, List<Outcome> outcomes) {}

  private static RuleMeta advisory(String id) {
    return new RuleMeta(id, Severity.WARN, null, ADVISORY_SOURCE);
  }

  /**
   * @param stages the completed stages of one execution, in stage order (not empty)
   * @param dataset the gated dataset they produced, or null
   * @param executionId their SQL execution, or null
   * @param rules the dataset's diagnostics rules
   */
  static List<Finding> evaluate(
      List<StageStats> stages, DatasetId dataset, Long executionId, List<Check> rules) {
    String where =
        dataset != null
            ? "writing " + dataset.primary()
            : executionId != null ? "of SQL execution " + executionId : "of a non-SQL job";
    List<List<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      outcomes.add(new ArrayList<>());
    }
    Set<String> ruled = new HashSet<>();
    for (Check rule : rules) {
      ruled.add(rule.keyword());
      Diagnostic.StageVerdict v;
      try {
        if (!(rule instanceof Diagnostic diagnostic)) {
          throw new IllegalArgumentException(rule.keyword() + " is not a diagnostic");
        }
        v = diagnostic.judge(stages, where);
      } catch (RuntimeException e) {
        StageStats at = Stages.outputStage(stages);
        outcomes
            .get(stages.indexOf(at))
            .add(
                Outcomes.of(
                    rule,
                    Status.ERROR,
                    null,
                    null,
                    null,
                    "cannot evaluate " + rule.keyword() + " because " + e,
                    false));
        continue;
      }
      outcomes
          .get(stages.indexOf(v.stage()))
          .add(outcome(rule, Outcomes.breachStatus(rule, v.verdict().breached()), v.verdict()));
    }
    for (Diagnostic level : ADVISORY) {
      if (!ruled.contains(level.keyword())) {
        Diagnostic.StageVerdict v = level.judge(stages, where);
        if (v.verdict().breached()) {
          outcomes.get(stages.indexOf(v.stage())).add(outcome(level, Status.INFO, v.verdict()));
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      findings.add(
          new Finding(
              StageStats.withDataset(stages.get(i).summary(), dataset),
              List.copyOf(outcomes.get(i))));
    }
    return findings;
  }

  private static Outcome outcome(Check c, Status status, Verdict v) {
    return Outcomes.of(c, status, v.observed(), v.total(), v.threshold(), v.sentence(), false);
  }
}
