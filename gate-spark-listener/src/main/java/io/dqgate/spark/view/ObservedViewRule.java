package io.dqgate.spark.view;

import io.dqgate.core.InternalJobs;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

/**
 * A plan rule of {@code spark.dqgate.views=observe}: rewrites each node of a query bottom-up, only
 * while some temp view is observed and never in the gate's own jobs, under the runtime's guard (a
 * failure leaves the plan as it was, or fails the job when fail-closed).
 */
abstract class ObservedViewRule extends Rule<LogicalPlan> {
  final SparkSession spark;
  final GateRuntime runtime;
  private final String doing;

  ObservedViewRule(SparkSession spark, GateRuntime runtime, String doing) {
    this.spark = spark;
    this.runtime = runtime;
    this.doing = doing;
  }

  /** One node, its children already rewritten. */
  abstract LogicalPlan rewrite(LogicalPlan node);

  @Override
  public final LogicalPlan apply(LogicalPlan plan) {
    if (InternalJobs.active() || !runtime.observedViews().any()) {
      return plan;
    }
    return runtime.guard().run(doing, plan, () -> Plans.bottomUp(plan, this::rewrite));
  }
}
