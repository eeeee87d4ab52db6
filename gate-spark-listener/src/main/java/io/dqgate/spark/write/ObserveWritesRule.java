package io.dqgate.spark.write;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.InternalJobs;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.check.Check;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.PendingWrite;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

/**
 * Optimizer rule: under every write ({@link WriteTargets#ALL}) whose destination has rules, wraps
 * the written query in {@code CollectMetrics} carrying all single-pass checks, so they are computed
 * by the write's own tasks at no extra scan. The commit protocol reads them before anything is
 * published.
 *
 * <p>Optimizer batches run to a fixed point, so the rule is idempotent: a query already wrapped by
 * the gate is left alone.
 */
public final class ObserveWritesRule extends Rule<LogicalPlan> {
  private final SparkSession spark;
  private final GateRuntime runtime;

  /** Writes already reported as unchecked (plans compare structurally: one write, one result). */
  private final Set<LogicalPlan> reportedUnchecked =
      java.util.Collections.synchronizedSet(
          java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

  public ObserveWritesRule(SparkSession spark, GateRuntime runtime) {
    this.spark = spark;
    this.runtime = runtime;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    if (InternalJobs.active()) {
      return plan;
    }
    WriteTarget target = WriteTargets.find(plan);
    if (target == null || target.pass() != WriteTarget.Pass.IN_WRITE) {
      // Pre-write targets were checked before the write started (PrewritePass).
      return plan;
    }
    LogicalPlan wrapped =
        runtime.guard().run("planning the checks of a write", null, () -> wrap(target, plan));
    if (wrapped == null) {
      // fail-open: the write goes on unchecked, and the reports say so
      runtime.guard().run("recording an unchecked write", () -> recordUnchecked(target, plan));
      return plan;
    }
    return wrapped;
  }

  /**
   * A write whose checks could not be planned: one result, every rule ERROR. The optimizer may
   * apply this rule to the same write more than once; only its first failure is recorded.
   */
  private void recordUnchecked(WriteTarget target, LogicalPlan write) {
    MatchedWrite matched = MatchedWrite.of(runtime, target, write);
    if (matched == null || !reportedUnchecked.add(write)) {
      return;
    }
    runtime
        .ledger()
        .recordUndecided(
            matched.id(),
            target.action(write),
            matched.checks(),
            List.of(),
            "of an internal gate error while planning the write's checks (see the warnings)");
  }

  private LogicalPlan wrap(WriteTarget target, LogicalPlan write) {
    LogicalPlan query = target.query(write);
    if (query instanceof CollectMetrics cm && cm.name().startsWith("dqgate_")) {
      return write;
    }
    MatchedWrite matched = MatchedWrite.of(runtime, target, write);
    if (matched == null) {
      return write;
    }
    DatasetId id = matched.id();
    String path = matched.path();
    Plans.Written written = matched.written();
    List<Check> checks = matched.checks();
    runtime.executions().expectWrite(path, id);
    CheckPlan checkPlan =
        CheckPlan.plan(
            checks, runtime.rules().readersOf(id), query.schema(), runtime.ledger().judgedSoFar());
    String name = runtime.pendingWrites().nextMetricsName();
    var columns = checkPlan.observeColumns();
    // Resolve the metric expressions against the query's own output attributes, with no data.
    LogicalPlan shape = new LocalRelation(query.output(), Plans.seq(List.<InternalRow>of()), false);
    Dataset<Row> observed =
        Dataset.ofRows(spark, shape)
            .observe(name, columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length));
    CollectMetrics resolved = (CollectMetrics) observed.queryExecution().analyzed();
    CollectMetrics wrapped =
        new CollectMetrics(name, resolved.metrics(), query, resolved.dataframeId());
    // Lineage from the analyzed plan: the optimized one has lost its temp views and hides caches.
    List<DatasetId> inputs =
        Plans.inputs(written != null ? written.source() : query, runtime::isGatedView);
    runtime
        .pendingWrites()
        .expect(new PendingWrite(name, id, path, checkPlan, target.action(write), inputs));
    return target.withQuery(write, wrapped);
  }
}
