package io.dqgate.spark.plan;

import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import scala.collection.Seq;

/**
 * Plans the gate's own {@code CollectMetrics} nodes (named {@code dqgate_…}) as {@link
 * GateMetricsExec}; every other plan, the user's own {@code Dataset.observe} included, is left to
 * Spark's strategies.
 */
public final class GateMetricsStrategy extends SparkStrategy {
  /** The prefix of every metrics name the gate gives its {@code CollectMetrics} nodes. */
  public static final String METRICS_PREFIX = "dqgate_";

  @Override
  public Seq<SparkPlan> apply(LogicalPlan plan) {
    if (plan instanceof CollectMetrics cm && cm.name().startsWith(METRICS_PREFIX)) {
      return Plans.seq(
          List.of(new GateMetricsExec(cm.name(), cm.metrics(), planLater(cm.child()))));
    }
    return Plans.seq(List.of());
  }
}
