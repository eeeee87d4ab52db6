package io.dqgate.spark.view;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.RunStages;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.ActiveGate;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.Tail;
import org.apache.spark.sql.execution.CollectMetricsExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.JavaConverters;

/**
 * Reads the metrics of observed temp views ({@code spark.dqgate.views=observe}) out of an
 * execution.
 */
public final class ViewObservations {
  private ViewObservations() {}

  /**
   * Records the first complete observation of every observed view {@code qe} read, and returns the
   * results (from this or an earlier observation) of those views that FAIL. {@code inWrite}: a
   * write consumes the views, so exact checks get their extra pass; otherwise those rules are
   * ERROR.
   */
  public static List<DatasetResult> read(
      ActiveGate runtime, SparkSession spark, QueryExecution qe, String action, boolean inWrite) {
    if (qe == null || !runtime.observedViews().any()) {
      return List.of();
    }
    LogicalPlan plan = qe.optimizedPlan();
    Set<String> names = new LinkedHashSet<>();
    Set<String> partial = new LinkedHashSet<>();
    scan(plan, names, partial, false, false);
    // Views observed inside a cache this query reads (a persisted Dataset built over the view):
    // the cache's own pass carried their metrics, complete once every partition is cached.
    Map<String, Row> cached = new java.util.LinkedHashMap<>();
    scanCaches(plan, cached);
    if (names.isEmpty() && cached.isEmpty()) {
      return List.of();
    }
    Map<String, Row> observed = JavaConverters.mapAsJavaMap(qe.observedMetrics());
    names.addAll(cached.keySet());
    List<DatasetResult> failed = new ArrayList<>();
    for (String metricsName : names) {
      ObservedView view = runtime.observedViews().byMetrics(metricsName);
      if (view == null) {
        continue;
      }
      DatasetResult result;
      synchronized (view) {
        result = view.result();
        // A limit (show, first, take) may stop before every row is read: such a pass proves
        // nothing.
        Row row = null;
        if (!partial.contains(metricsName) && observed.containsKey(metricsName)) {
          row = observed.get(metricsName);
        } else if (cached.containsKey(metricsName)) {
          row = cached.get(metricsName);
        }
        if (result == null && row != null) {
          result = evaluate(spark, view, row, action, inWrite, runtime.ledger().judgedSoFar());
          view.result(result);
          runtime.ledger().record(result);
        }
      }
      if (result != null && result.status() == Status.FAIL) {
        failed.add(result);
      }
    }
    return failed;
  }

  private static DatasetResult evaluate(
      SparkSession spark,
      ObservedView view,
      Row row,
      String action,
      boolean inWrite,
      RunStages earlier) {
    CheckPlan plan = view.plan();
    PassResult metrics = plan.readObserved(row);
    if (plan.needsExtraPass() && inWrite) {
      metrics = plan.runExtraPass(Dataset.ofRows(spark, view.definition()), metrics);
    }
    DatasetResult result =
        DqGate.result(view.id(), action, plan, metrics, view.inputs(), true, earlier);
    if (!plan.needsExtraPass() || inWrite) {
      return result;
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < plan.checks().size(); i++) {
      Check check = plan.checks().get(i);
      outcomes.add(
          plan.needsExtraPass(check)
              ? error(
                  check,
                  "it needs an extra pass, which spark.dqgate.views=observe runs only when a write reads the"
                      + " view; set spark.dqgate.views=eager")
              : result.outcomes().get(i));
    }
    return result.withOutcomes(outcomes);
  }

  /** One ERROR outcome per rule of a view no query dqgate could observe ever read. */
  static DatasetResult neverRead(ObservedView view) {
    CheckPlan plan = view.plan();
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : plan.checks()) {
      outcomes.add(
          error(
              check,
              "view "
                  + view.ref().name()
                  + " was never observed (never read, read only under a limit or through a cached"
                  + " plan, or by queries that pruned the columns its rules read), and the"
                  + " SparkContext had stopped before the end-of-run check could run it: read the"
                  + " view in a write or action before spark.stop(), or set"
                  + " spark.dqgate.views=eager"));
    }
    return DqGate.result(
            view.id(),
            "view (never observed)",
            plan,
            plan.emptyResult(),
            view.inputs(),
            true,
            RunStages.NONE)
        .withOutcomes(outcomes);
  }

  private static Outcome error(Check check, String reason) {
    return io.dqgate.core.result.Outcomes.error(check, reason);
  }

  /**
   * The observed-view metrics a plan carries (with {@code markers}, also the views only marked),
   * and in {@code partial} those with a limit or sample above them, which may cut their pass short
   * (a sample below a view is part of its definition).
   */
  private static void scan(
      LogicalPlan plan,
      Set<String> names,
      Set<String> partial,
      boolean underLimit,
      boolean markers) {
    boolean limited =
        underLimit
            || plan instanceof GlobalLimit
            || plan instanceof LocalLimit
            || plan instanceof Tail
            || plan instanceof Offset
            || plan instanceof Sample;
    if (plan instanceof CollectMetrics cm
        && cm.name().startsWith(ObservedView.PREFIX)
        && (markers || !ViewMetricsRule.isMarker(cm))) {
      names.add(cm.name());
      if (underLimit) {
        partial.add(cm.name());
      }
    }
    for (LogicalPlan child : Plans.list(plan.children())) {
      scan(child, names, partial, limited, markers);
    }
  }

  /**
   * The metrics of observed views whose CollectMetrics sit inside a cache {@code plan} reads, for
   * each cache whose every partition is loaded (the pass that built it read all of the view).
   */
  private static void scanCaches(LogicalPlan plan, Map<String, Row> found) {
    if (plan instanceof InMemoryRelation cache) {
      if (cache.cacheBuilder().isCachedColumnBuffersLoaded()) {
        scanPhysical(cache.cacheBuilder().cachedPlan(), found);
      }
      return;
    }
    for (LogicalPlan child : Plans.list(plan.children())) {
      scanCaches(child, found);
    }
  }

  private static void scanPhysical(SparkPlan plan, Map<String, Row> found) {
    if (plan instanceof CollectMetricsExec cm
        && cm.name().startsWith(ObservedView.PREFIX)
        && !(cm.metricExpressions().size() == 1
            && cm.metricExpressions().head().name().equals(ViewObserveRule.MARKER))) {
      found.putIfAbsent(cm.name(), cm.collectedMetrics());
    }
    if (plan instanceof InMemoryTableScanExec scan) {
      scanCaches(scan.relation(), found);
      return;
    }
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      scanPhysical(adaptive.executedPlan(), found);
      return;
    }
    if (plan instanceof QueryStageExec stage) {
      scanPhysical(stage.plan(), found);
      return;
    }
    for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      scanPhysical(child, found);
    }
  }

  /** True when the plan of {@code qe} reads an observed view. */
  public static boolean consumesViews(QueryExecution qe) {
    if (qe == null) {
      return false;
    }
    Set<String> names = new LinkedHashSet<>();
    // The analyzed plan holds the markers of every view the query reads.
    scan(qe.analyzed(), names, new LinkedHashSet<>(), false, true);
    return !names.isEmpty();
  }

  /** Records views read by non-write actions (count, collect), after the fact: report only. */
  static final class Listener implements QueryExecutionListener {
    private final SparkSession spark;
    private final GateRuntime runtime;

    Listener(SparkSession spark, GateRuntime runtime) {
      this.spark = spark;
      this.runtime = runtime;
    }

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      runtime
          .guard()
          .run(
              "reading the views of a " + funcName,
              () -> read(runtime, spark, qe, "view (observed in " + funcName + ")", false));
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  }
}
