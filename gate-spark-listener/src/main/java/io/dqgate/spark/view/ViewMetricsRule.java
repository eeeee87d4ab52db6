package io.dqgate.spark.view;

import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Pre-CBO optimizer rule of {@code spark.dqgate.views=observe}, run once the optimizer has pruned
 * columns: replaces each marker {@link ViewObserveRule} placed over a view's subtree by the view's
 * metrics, resolved against the columns the reading query kept. When the query pruned a column the
 * view's rules read, the marker is removed instead: observing would force the query to compute a
 * column it does not need (a window, a join), so this query does not observe the view; a later one
 * that computes those columns does, or the end of the run checks it ({@link UnobservedViews}).
 */
public final class ViewMetricsRule extends ObservedViewRule {
  public ViewMetricsRule(SparkSession spark, GateRuntime runtime) {
    super(spark, runtime, "observing the pruned temp views");
  }

  @Override
  LogicalPlan rewrite(LogicalPlan node) {
    if (!(node instanceof CollectMetrics cm) || !isMarker(cm)) {
      return node;
    }
    ObservedView view = runtime.observedViews().byMetrics(cm.name());
    if (view == null) {
      return cm.child();
    }
    Column[] columns = view.plan().observeColumns();
    // Resolved against the columns this occurrence kept (a self-join renames them).
    LogicalPlan shape =
        new LocalRelation(cm.child().output(), Plans.seq(List.<InternalRow>of()), false);
    CollectMetrics resolved;
    try {
      resolved =
          (CollectMetrics)
              Dataset.ofRows(spark, shape)
                  .observe(cm.name(), columns[0], Arrays.copyOfRange(columns, 1, columns.length))
                  .queryExecution()
                  .analyzed();
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        // The query does not compute a column the rules read: observing would force it.
        return cm.child();
      }
      throw e;
    }
    return new CollectMetrics(cm.name(), resolved.metrics(), cm.child(), cm.dataframeId());
  }

  static boolean isMarker(CollectMetrics cm) {
    if (!cm.name().startsWith(ObservedView.PREFIX) || cm.metrics().size() != 1) {
      return false;
    }
    NamedExpression metric = cm.metrics().head();
    return metric.name().equals(ViewObserveRule.MARKER);
  }
}
