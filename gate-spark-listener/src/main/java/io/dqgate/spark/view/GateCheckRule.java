package io.dqgate.spark.view;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.GateRejectedException;
import io.dqgate.core.InternalJobs;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.check.Check;
import io.dqgate.spark.config.GateConf;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule: when a temp view that has rules is created ({@code createOrReplaceTempView}, {@code
 * CREATE TEMP VIEW}), checks its data there and then, on the caller's thread, before the view
 * exists. In enforce mode a breached fail rule stops the job at that stage. In {@code
 * spark.dqgate.views=observe} it only registers the view for {@link ViewObserveRule}.
 */
public final class GateCheckRule extends AbstractFunction1<LogicalPlan, BoxedUnit> {
  /**
   * The command last checked on this thread: Spark analyses a view's command twice (when the
   * Dataset is built, and again when the command runs), with the same instance.
   */
  private static final ThreadLocal<LogicalPlan> LAST_CHECKED = new ThreadLocal<>();

  private final SparkSession spark;
  private final GateRuntime runtime;

  public GateCheckRule(SparkSession spark, GateRuntime runtime) {
    this.spark = spark;
    this.runtime = runtime;
  }

  @Override
  public BoxedUnit apply(LogicalPlan plan) {
    if (InternalJobs.active()
        || !(plan instanceof CreateViewCommand view)
        || LAST_CHECKED.get() == plan
        || spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) != null) {
      return BoxedUnit.UNIT;
    }
    GateConf.Views views = runtime.conf().views(spark);
    if (views == GateConf.Views.OFF) {
      return BoxedUnit.UNIT;
    }
    LAST_CHECKED.set(plan);
    DatasetRef ref = DatasetRef.view(view.name().table());
    List<Check> checks = runtime.rules().checksFor(ref);
    if (checks.isEmpty()) {
      return BoxedUnit.UNIT;
    }
    if (views == GateConf.Views.OBSERVE) {
      // Checked later, inside the pass of the query that reads the view (ViewObserveRule).
      runtime
          .guard()
          .run(
              "registering view " + ref.name(),
              () ->
                  runtime
                      .observedViews()
                      .register(
                          DatasetId.of(ref).matchedIn(runtime.rules()),
                          CheckPlan.plan(
                              checks,
                              runtime
                                  .rules()
                                  .readersOf(DatasetId.of(ref).matchedIn(runtime.rules())),
                              view.plan().schema(),
                              runtime.ledger().judgedSoFar()),
                          view.plan(),
                          Plans.inputs(view.plan(), runtime::isGatedView)));
      return BoxedUnit.UNIT;
    }
    DatasetResult result =
        runtime.guard().run("checking view " + ref.name(), null, () -> check(view, ref, checks));
    if (result == null) {
      // fail-open: the view is created unchecked, and the reports say so
      runtime
          .guard()
          .run(
              "recording an unchecked view",
              () ->
                  runtime
                      .ledger()
                      .recordUndecided(
                          DatasetId.of(ref).matchedIn(runtime.rules()),
                          "view",
                          checks,
                          List.of(),
                          "of an internal gate error (see the warnings)"));
      return BoxedUnit.UNIT;
    }
    if (result.status() == Status.FAIL && runtime.enforcing()) {
      runtime.ledger().record(result.withPublished(false));
      throw new GateRejectedException(result, "the view was not created and the job stops here");
    }
    runtime.ledger().record(result);
    return BoxedUnit.UNIT;
  }

  private DatasetResult check(CreateViewCommand view, DatasetRef ref, List<Check> checks) {
    Dataset<Row> data = Dataset.ofRows(spark, view.plan());
    DatasetId id = DatasetId.of(ref).matchedIn(runtime.rules());
    CheckPlan plan =
        CheckPlan.plan(
            checks, runtime.rules().readersOf(id), data.schema(), runtime.ledger().judgedSoFar());
    PassResult metrics = plan.runExtraPass(data, plan.runFirstPass(data));
    return DqGate.result(
        id,
        "view",
        plan,
        metrics,
        Plans.inputs(view.plan(), runtime::isGatedView),
        true,
        runtime.ledger().judgedSoFar());
  }
}
