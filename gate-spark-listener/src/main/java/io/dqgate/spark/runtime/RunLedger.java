package io.dqgate.spark.runtime;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.DataCheck;
import io.dqgate.rules.check.RunStages;
import io.dqgate.spark.config.GateConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the run decided so far: dataset results, stage diagnostics, warnings, whether the gate
 * failed itself, and the exit code that follows from them.
 */
public final class RunLedger {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private final GateConf conf;
  private final Consumer<DatasetResult> onRecorded;
  private final List<DatasetResult> results = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<StageSummary> stages = new ArrayList<>();
  private final List<Outcome> stageOutcomes = new ArrayList<>();
  private final AtomicBoolean internalError = new AtomicBoolean();

  /**
   * {@code onRecorded} hears of every dataset result after it is recorded (the run's observers).
   */
  RunLedger(GateConf conf, Consumer<DatasetResult> onRecorded) {
    this.conf = conf;
    this.onRecorded = onRecorded;
  }

  public void record(DatasetResult result) {
    synchronized (this) {
      recordLocked(result);
    }
    onRecorded.accept(result);
  }

  private void recordLocked(DatasetResult result) {
    results.add(result);
    for (Outcome o : result.outcomes()) {
      // A rejected dataset's FAILs are the message of the GateRejectedException that stops it,
      // which the shell, the SQL CLI or the uncaught-exception handler prints: logged here too, a
      // person read each one twice.
      boolean carriedByRejection = !result.published() && o.status() == Status.FAIL;
      if ((o.status() == Status.FAIL || o.status() == Status.ERROR) && !carriedByRejection) {
        LOG.warn("dqgate {} {}: {}", o.status(), o.ruleId(), o.explanation());
      }
    }
    LOG.info(
        "dqgate checked {}: {} ({} rules: {} pass, {} warn, {} fail, {} error)",
        result.ref(),
        result.status(),
        result.outcomes().size(),
        result.count(Status.PASS),
        result.count(Status.WARN),
        result.count(Status.FAIL),
        result.count(Status.ERROR));
  }

  /**
   * Records a dataset the gate could not decide because its own code failed (fail-open): published
   * unchecked, every data rule ERROR with {@code reason} ("of an internal gate error …"), so the
   * reports never show it as passed.
   */
  public void recordUndecided(
      DatasetId id, String action, List<Check> checks, List<DatasetId> inputs, String reason) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : checks) {
      if (check instanceof DataCheck) {
        outcomes.add(Outcomes.error(check, reason));
      }
    }
    record(
        new DatasetResult(
            id,
            action,
            null,
            List.of(),
            outcomes,
            inputs,
            0,
            true,
            java.time.Instant.now(),
            Map.of()));
  }

  /** A warning for the log and the reports, once per distinct message. */
  public synchronized void warn(String message) {
    if (!warnings.contains(message)) {
      warnings.add(message);
      LOG.warn(logLine(message));
    }
  }

  /**
   * The warning as logged: "dqgate: " first, unless the sentence names dqgate itself ("dqgate
   * internal error in …", "dqgate cannot check …"), so no line reads "dqgate: dqgate …".
   */
  static String logLine(String message) {
    return message.startsWith("dqgate") ? message : "dqgate: " + message;
  }

  /** The gate failed itself: a warning, and exit code 4 in fail-closed mode. */
  public void internalError(String message) {
    internalError.set(true);
    warn(message);
  }

  public synchronized void recordStage(StageSummary summary, List<Outcome> outcomes) {
    stages.add(summary);
    stageOutcomes.addAll(outcomes);
  }

  /**
   * The datasets judged so far with their metrics, oldest first: what cross-stage rules of the
   * dataset judged next compare with.
   */
  public synchronized RunStages judgedSoFar() {
    return RunStages.of(
        results.stream()
            .filter(r -> r.id() != null)
            .map(r -> new RunStages.Stage(r.id(), r.checkedAt(), r.published(), r.metrics()))
            .toList());
  }

  public synchronized List<DatasetResult> results() {
    return List.copyOf(results);
  }

  synchronized List<StageSummary> stages() {
    return List.copyOf(stages);
  }

  synchronized List<Outcome> stageOutcomes() {
    return List.copyOf(stageOutcomes);
  }

  synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * The exit code this run asks for: 0, {@link GateConf#EXIT_BREACH} or {@link
   * GateConf#EXIT_INTERNAL_ERROR}.
   */
  public synchronized int exitCode() {
    if (internalError.get()
        && conf.get(GateConf.ON_INTERNAL_ERROR) == GateConf.OnInternalError.FAIL_CLOSED) {
      return GateConf.EXIT_INTERNAL_ERROR;
    }
    boolean breached =
        results.stream().anyMatch(r -> r.status() == Status.FAIL)
            || stageOutcomes.stream().anyMatch(o -> o.status() == Status.FAIL);
    if (!breached) {
      return 0;
    }
    return conf.get(GateConf.MODE) == GateConf.Mode.OBSERVE && !conf.get(GateConf.FAIL_ON_BREACH)
        ? 0
        : GateConf.EXIT_BREACH;
  }
}
