package spike;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.SQLExecution;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The spike's stand-in for DqGateExtensions: a check rule that records the write node and runs the
 * pre-write pass (SpikeGate), and an optimizer rule that records what it sees and, for write nodes
 * with an in-pass hook, wraps the query in CollectMetrics (SpikeObserve).
 */
public final class SpikeExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions ext) {
    ext.injectCheckRule(
        fn(
            spark ->
                new AbstractFunction1<LogicalPlan, BoxedUnit>() {
                  @Override
                  public BoxedUnit apply(LogicalPlan plan) {
                    boolean nested =
                        spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY())
                            != null;
                    if (!SpikeGate.inGatePass()) {
                      SpikeLog.add(
                          "check:" + plan.getClass().getName() + (nested ? " (nested)" : ""));
                    }
                    SpikeGate.checkRule(spark, plan, nested);
                    return BoxedUnit.UNIT;
                  }
                }));
    ext.injectOptimizerRule(
        fn(
            spark ->
                new Rule<LogicalPlan>() {
                  @Override
                  public LogicalPlan apply(LogicalPlan plan) {
                    if (!SpikeGate.inGatePass()) {
                      SpikeLog.add("optimizer:" + plan.getClass().getName());
                    }
                    return SpikeObserve.apply(spark, plan);
                  }
                }));
    return BoxedUnit.UNIT;
  }

  static <A, B> Function1<A, B> fn(java.util.function.Function<A, B> f) {
    return new AbstractFunction1<A, B>() {
      @Override
      public B apply(A a) {
        return f.apply(a);
      }
    };
  }
}
