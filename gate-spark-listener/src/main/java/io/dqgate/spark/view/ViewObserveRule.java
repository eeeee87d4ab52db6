package io.dqgate.spark.view;

import io.dqgate.core.InternalJobs;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.runtime.AbstractFunction1;

/**
 * Post-hoc resolution rule of {@code spark.dqgate.views=observe}: wraps the subtree of every temp
 * view created in that mode (a {@code View} node, seen before the optimizer inlines it) in a {@code
 * CollectMetrics} carrying the view's single-pass checks, so the query that reads the view computes
 * them in its own pass. Idempotent; the gate's own queries are left alone.
 */
public final class ViewObserveRule extends Rule<LogicalPlan> {
  private final SparkSession spark;
  private final GateRuntime runtime;

  /** Whether this rule's session already has a {@link ViewObservations.Listener}. */
  private final AtomicBoolean listening = new AtomicBoolean();

  public ViewObserveRule(SparkSession spark, GateRuntime runtime) {
    this.spark = spark;
    this.runtime = runtime;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    if (InternalJobs.active() || !runtime.observedViews().any()) {
      return plan;
    }
    return runtime.guard().run("observing the temp views a query reads", plan, () -> rewrite(plan));
  }

  private LogicalPlan rewrite(LogicalPlan plan) {
    LogicalPlan node =
        plan.children().isEmpty()
            ? plan
            : plan.mapChildren(
                new AbstractFunction1<LogicalPlan, LogicalPlan>() {
                  @Override
                  public LogicalPlan apply(LogicalPlan child) {
                    return rewrite(child);
                  }
                });
    if (!(node instanceof View view) || !view.isTempView()) {
      return node;
    }
    if (view.child() instanceof CollectMetrics cm && cm.name().startsWith(ObservedView.PREFIX)) {
      return node;
    }
    ObservedView observed = runtime.observedViews().byName(view.desc().identifier().table());
    if (observed == null) {
      return node;
    }
    listen();
    return view.withNewChildren(Plans.seq(List.of(wrap(observed, view.child()))));
  }

  private CollectMetrics wrap(ObservedView view, LogicalPlan child) {
    Column[] columns = view.plan().observeColumns();
    // Resolve the metric expressions against this occurrence's attributes (a self-join renames
    // them).
    LogicalPlan shape = new LocalRelation(child.output(), Plans.seq(List.<InternalRow>of()), false);
    Dataset<Row> observed =
        Dataset.ofRows(spark, shape)
            .observe(
                view.metricsName(),
                columns[0],
                java.util.Arrays.copyOfRange(columns, 1, columns.length));
    CollectMetrics resolved = (CollectMetrics) observed.queryExecution().analyzed();
    return new CollectMetrics(
        view.metricsName(), resolved.metrics(), child, view.dataframeId(resolved.dataframeId()));
  }

  /** Reads the views of non-write actions (count, collect) after the fact, once per session. */
  private void listen() {
    if (listening.compareAndSet(false, true)) {
      spark.listenerManager().register(new ViewObservations.Listener(spark, runtime));
    }
  }
}
