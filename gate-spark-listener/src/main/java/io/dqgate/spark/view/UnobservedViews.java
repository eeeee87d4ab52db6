package io.dqgate.spark.view;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.rules.check.RunStages;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.ObservedView;
import io.dqgate.spark.runtime.RunObserver;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * At the end of the run, checks every observe-mode view definition no query observed (never read,
 * read only under a limit, or only by queries that pruned the columns its rules read) with one job
 * of its own (two with exact checks), reported as such; never a silent pass. When the application
 * already stopped its SparkContext (an explicit {@code spark.stop()} ends the run after the context
 * is gone), no job can run: every rule of such a view is ERROR, with the reason.
 */
public final class UnobservedViews implements RunObserver {
  /** The action reported for a view checked by this class's own job. */
  static final String CHECKED_AT_END = "view (never observed: checked at the end of the run)";

  private final SparkSession spark;

  public UnobservedViews(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public void onEnding(GateRuntime runtime) {
    for (ObservedView view : runtime.observedViews().takeUnobserved()) {
      DatasetResult result =
          spark.sparkContext().isStopped()
              ? null
              : runtime
                  .guard()
                  .run(
                      "checking never-observed view " + view.ref().name(),
                      null,
                      () -> check(view, runtime.ledger().judgedSoFar()));
      if (result == null) {
        result = ViewObservations.neverRead(view);
      }
      view.result(result);
      runtime.ledger().record(result);
    }
  }

  private DatasetResult check(ObservedView view, RunStages earlier) {
    CheckPlan plan = view.plan();
    Dataset<Row> data = Dataset.ofRows(spark, view.definition());
    PassResult metrics = plan.runExtraPass(data, plan.runFirstPass(data));
    return DqGate.result(view.id(), CHECKED_AT_END, plan, metrics, view.inputs(), true, earlier);
  }
}
