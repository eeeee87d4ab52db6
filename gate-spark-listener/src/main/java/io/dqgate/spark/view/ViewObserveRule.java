package io.dqgate.spark.view;

import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.functions;

/**
 * Post-hoc resolution rule of {@code spark.dqgate.views=observe}: marks the subtree of every temp
 * view created in that mode (a {@code View} node, seen before the optimizer inlines it) with a
 * {@code CollectMetrics} that references no column, so the optimizer still prunes the view's
 * columns for the reading query; after pruning, {@link ViewMetricsRule} puts the view's single-pass
 * checks in the marker's place when the query computes every column they read. Idempotent; the
 * gate's own queries are left alone.
 */
public final class ViewObserveRule extends ObservedViewRule {
  /** The one metric of the marker {@link #wrap} places. */
  static final String MARKER = "dqgate_view_marker";

  /** Whether this rule's session already has a {@link ViewObservations.Listener}. */
  private final AtomicBoolean listening = new AtomicBoolean();

  public ViewObserveRule(SparkSession spark, GateRuntime runtime) {
    super(spark, runtime, "observing the temp views a query reads");
  }

  @Override
  LogicalPlan rewrite(LogicalPlan node) {
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

  /**
   * A marker {@code CollectMetrics} over the view's subtree: it references no column, so the
   * optimizer prunes below it as if it were not there; {@link ViewMetricsRule} replaces it by the
   * view's metrics once pruning is done.
   */
  private CollectMetrics wrap(ObservedView view, LogicalPlan child) {
    LogicalPlan shape = new LocalRelation(child.output(), Plans.seq(List.<InternalRow>of()), false);
    Dataset<Row> observed =
        Dataset.ofRows(spark, shape)
            .observe(view.metricsName(), functions.count(functions.lit(1)).as(MARKER));
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
