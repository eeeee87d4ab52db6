package io.dqgate.spark.diagnostics;

import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.check.Check;
import io.dqgate.spark.runtime.ExecutionDatasets;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.RunLedger;
import io.dqgate.spark.runtime.RunObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the collector's stage groups into the run's stage diagnostics: when a SQL execution ends,
 * its stages are judged against the diagnostics rules of the dataset it wrote (bound at commit, see
 * {@link ExecutionDatasets#bindWrite}) and the built-in advisory level, and every breach is logged
 * as {@code dqgate FAIL <rule id>: <explanation>}.
 *
 * <p>Diagnostics come after the fact: the write they judge is already committed, so a FAIL cannot
 * hold it back; it makes the run's exit code non-zero ({@link RunLedger#exitCode()}).
 *
 * <p>What is kept: every stage that carries a rule's outcome, recorded at once; of the others
 * (advisory findings and plain stages), the {@value #MAX_RETAINED} most interesting (advisory
 * findings first, then the most task time), recorded when the run finishes.
 */
final class StageDiagnosticsRecorder implements RunObserver {
  static final int MAX_RETAINED = 200;
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private record Retained(
      StageDiagnostics.Finding finding, boolean advisory, long taskTimeMillis) {}

  private static final Comparator<Retained> LEAST_INTERESTING_FIRST =
      Comparator.comparing(Retained::advisory).thenComparingLong(Retained::taskTimeMillis);

  private final GateRuntime runtime;
  private final StageMetricsCollector collector;
  private final PriorityQueue<Retained> retained = new PriorityQueue<>(LEAST_INTERESTING_FIRST);
  private long droppedAdvisories;

  StageDiagnosticsRecorder(GateRuntime runtime) {
    this.runtime = runtime;
    this.collector = new StageMetricsCollector(this::judge);
  }

  StageMetricsCollector collector() {
    return collector;
  }

  /** Judges the stages of one execution (called by the collector, on the listener bus thread). */
  synchronized void judge(StageMetricsCollector.StageGroup group) {
    DatasetId dataset =
        group.executionId() == null
            ? null
            : runtime.executions().datasetOfExecution(group.executionId());
    Set<Check> rules = new LinkedHashSet<>();
    for (DatasetRef ref : dataset == null ? List.<DatasetRef>of() : dataset.refs()) {
      // The names the write was matched by; a view's rules are about the view, checked when
      // created.
      if (ref.kind() != DatasetRef.Kind.VIEW) {
        rules.addAll(runtime.rules().diagnosticsFor(ref));
      }
    }
    List<StageDiagnostics.Finding> findings =
        StageDiagnostics.evaluate(group.stages(), dataset, group.executionId(), List.copyOf(rules));
    for (int i = 0; i < findings.size(); i++) {
      StageDiagnostics.Finding f = findings.get(i);
      for (Outcome o : f.outcomes()) {
        log(o);
      }
      if (f.outcomes().stream().anyMatch(o -> o.status() != Status.INFO)) {
        runtime.ledger().recordStage(f.stage(), f.outcomes());
      } else {
        retained.add(
            new Retained(f, !f.outcomes().isEmpty(), group.stages().get(i).totalRunTimeMillis()));
        if (retained.size() > MAX_RETAINED) {
          droppedAdvisories += retained.poll().finding().outcomes().size();
        }
      }
    }
  }

  private static void log(Outcome o) {
    if (o.status() == Status.FAIL || o.status() == Status.WARN || o.status() == Status.ERROR) {
      LOG.warn("dqgate {} {}: {}", o.status(), o.ruleId(), o.explanation());
    } else if (o.status() == Status.INFO) {
      LOG.info("dqgate {} {}: {}", o.status(), o.ruleId(), o.explanation());
    }
  }

  /** Judges what is still waiting, then records the retained stages in stage order. */
  @Override
  public void onFinish(GateRuntime gate, GateRun run) {
    collector.flush(); // outside this object's lock: the collector calls judge() under its own
    List<Retained> kept;
    long dropped;
    synchronized (this) {
      kept = new ArrayList<>(retained);
      retained.clear();
      dropped = droppedAdvisories;
    }
    kept.sort(Comparator.comparingInt(r -> r.finding().stage().stageId()));
    for (Retained r : kept) {
      runtime.ledger().recordStage(r.finding().stage(), r.finding().outcomes());
    }
    if (dropped > 0) {
      runtime.warn(
          dropped
              + " advisory stage diagnostics were dropped: only the "
              + MAX_RETAINED
              + " most interesting stages without rule outcomes are kept in the report (each was logged)");
    }
  }
}
