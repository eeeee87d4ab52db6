package io.dqgate.spark;

import io.dqgate.spark.config.GateConf;
import io.dqgate.spark.diagnostics.GateListener;
import io.dqgate.spark.lineage.LineageObserver;
import io.dqgate.spark.plan.GateMetricsStrategy;
import io.dqgate.spark.report.ReportSink;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.GateRuntimes;
import io.dqgate.spark.view.GateCheckRule;
import io.dqgate.spark.view.UnobservedViews;
import io.dqgate.spark.view.ViewMetricsRule;
import io.dqgate.spark.view.ViewObserveRule;
import io.dqgate.spark.write.ObserveWritesRule;
import io.dqgate.spark.write.UnmatchedRules;
import io.dqgate.spark.write.WriteAnalysisRule;
import io.dqgate.spark.write.WriteSessionSetup;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The entry point: {@code --conf spark.sql.extensions=io.dqgate.spark.DqGateExtensions}. Starts the
 * gate with the session (configuration and rule files are validated then, with errors that say what
 * to fix), wires the runtime's observers and sinks, and adds the rules that gate writes and temp
 * views, each given the runtime.
 */
public final class DqGateExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** The runtime of each session these extensions built rules for (empty: the gate is off). */
  private final Map<SparkSession, Optional<GateRuntime>> sessions =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectOptimizerRule(planRule(ObserveWritesRule::new));
    extensions.injectCheckRule(checkRule(GateCheckRule::new));
    extensions.injectCheckRule(checkRule(WriteAnalysisRule::new));
    extensions.injectPostHocResolutionRule(planRule(ViewObserveRule::new));
    extensions.injectPreCBORule(planRule(ViewMetricsRule::new));
    extensions.injectPlannerStrategy(function(spark -> new GateMetricsStrategy()));
    return BoxedUnit.UNIT;
  }

  /**
   * The gate of {@code spark}'s application, started (and the session set up) on the session's
   * first rule.
   */
  private Optional<GateRuntime> runtime(SparkSession spark) {
    synchronized (sessions) {
      return sessions.computeIfAbsent(
          spark,
          s -> {
            GateRuntime runtime = GateRuntimes.start(s, created -> wire(s, created));
            if (runtime != null) {
              WriteSessionSetup.configure(s, runtime);
            }
            return Optional.ofNullable(runtime);
          });
    }
  }

  /** Who follows a new runtime; the order is the order they see the run. */
  private static void wire(SparkSession spark, GateRuntime runtime) {
    runtime.addObserver(new UnobservedViews(spark));
    runtime.addObserver(new UnmatchedRules());
    spark.sparkContext().addSparkListener(new GateListener(runtime));
    runtime.addObserver(new LineageObserver(spark));
    runtime.addSink(new ReportSink(Path.of(runtime.conf().get(GateConf.REPORT_DIR))));
  }

  /** A plan-rewriting rule of the session's gate; unchanged plans when the gate is off. */
  private Function1<SparkSession, Rule<LogicalPlan>> planRule(
      BiFunction<SparkSession, GateRuntime, Rule<LogicalPlan>> rule) {
    return function(
        spark -> runtime(spark).map(r -> rule.apply(spark, r)).orElseGet(Unchanged::new));
  }

  /** A check rule (sees each analyzed plan) of the session's gate; nothing when it is off. */
  private Function1<SparkSession, Function1<LogicalPlan, BoxedUnit>> checkRule(
      BiFunction<SparkSession, GateRuntime, Function1<LogicalPlan, BoxedUnit>> rule) {
    return function(spark -> runtime(spark).map(r -> rule.apply(spark, r)).orElse(NOTHING));
  }

  private static final Function1<LogicalPlan, BoxedUnit> NOTHING = function(plan -> BoxedUnit.UNIT);

  /** The rule of a session whose gate is off. */
  private static final class Unchanged extends Rule<LogicalPlan> {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
      return plan;
    }
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
