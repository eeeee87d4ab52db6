package io.dqgate.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The entry point: {@code --conf spark.sql.extensions=io.dqgate.spark.DqGateExtensions}. Starts the
 * gate with the session (configuration and rule files are validated then, with errors that say what to
 * fix), and adds the rules that gate file writes and temp views.
 */
public final class DqGateExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectOptimizerRule(
        function(
            spark -> {
              GateRuntime runtime = GateRuntime.start(spark);
              if (runtime != null) {
                GateListener.attach(spark, runtime);
                LineageObserver.attach(spark, runtime);
              }
              return new ObserveWritesRule(spark);
            }));
    extensions.injectCheckRule(function(GateCheckRule::new));
    extensions.injectPostHocResolutionRule(function(ViewObserveRule::new));
    return BoxedUnit.UNIT;
  }

  private static <A, B> Function1<A, B> function(java.util.function.Function<A, B> f) {
    return new AbstractFunction1<A, B>() {
      @Override
      public B apply(A a) {
        return f.apply(a);
      }
    };
  }
}
