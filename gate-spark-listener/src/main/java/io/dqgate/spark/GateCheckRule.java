package io.dqgate.spark;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.GateRejectedException;
import io.dqgate.core.InternalJobs;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.rules.Check;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule: when a temp view that has rules is created ({@code createOrReplaceTempView},
 * {@code CREATE TEMP VIEW}), checks its data there and then, on the caller's thread, before the view
 * exists. In enforce mode a breached fail rule stops the job at that stage.
 *
 * <p>It also spots {@code saveAsTable} in overwrite mode, which no hook can protect (Spark drops the
 * existing table inside DataFrameWriter before any plan exists) and warns loudly.
 */
final class GateCheckRule extends AbstractFunction1<LogicalPlan, BoxedUnit> {
  /**
   * The command last checked on this thread: Spark analyses a view's command twice (when the Dataset
   * is built, and again when the command runs), with the same instance.
   */
  private static final ThreadLocal<LogicalPlan> LAST_CHECKED = new ThreadLocal<>();

  private final SparkSession spark;

  GateCheckRule(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public BoxedUnit apply(LogicalPlan plan) {
    GateRuntime runtime = GateRuntime.current();
    if (runtime != null && !InternalJobs.active() && plan instanceof InsertIntoHadoopFsRelationCommand write) {
      // Only here are a write's temp views (and cached plans) still in its plan, not after the optimizer:
      // note what it writes, so its identity carries the view's name and its lineage reads through views.
      Guard.run("noting what a write writes", () -> runtime.noteWritten(
          Plans.pathKey(write.outputPath().toString()), Plans.written(write.query())));
    }
    if (runtime != null
        && plan instanceof CreateDataSourceTableAsSelectCommand ctas
        && ctas.mode() == SaveMode.Overwrite
        && spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) == null) {
      String table = ctas.table().identifier().unquotedString();
      runtime.warn(
          "saveAsTable(\"" + table + "\") with mode overwrite cannot be protected: Spark dropped the old table"
              + " before dqgate could check the new data, so a rejection cannot bring it back. Use"
              + " df.write().mode(\"overwrite\").insertInto(\"" + table + "\") (or INSERT OVERWRITE TABLE) instead,"
              + " which dqgate protects.");
    }
    if (runtime == null
        || InternalJobs.active()
        || !(plan instanceof CreateViewCommand view)
        || LAST_CHECKED.get() == plan
        || spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) != null) {
      return BoxedUnit.UNIT;
    }
    GateConf.Views views = runtime.conf.views(spark);
    if (views == GateConf.Views.OFF) {
      return BoxedUnit.UNIT;
    }
    LAST_CHECKED.set(plan);
    DatasetRef ref = DatasetRef.view(view.name().table());
    List<Check> checks = runtime.rules.checksFor(ref);
    if (checks.isEmpty()) {
      return BoxedUnit.UNIT;
    }
    if (views == GateConf.Views.OBSERVE) {
      // Checked later, inside the pass of the query that reads the view (ViewObserveRule).
      Guard.run("registering view " + ref.name(), () -> runtime.registerView(DatasetId.of(ref).matchedIn(runtime.rules),
          CheckPlan.plan(checks, view.plan().schema()), view.plan(), Plans.inputs(view.plan(), runtime::isGatedView)));
      return BoxedUnit.UNIT;
    }
    DatasetResult result = Guard.run("checking view " + ref.name(), null, () -> check(runtime, view, ref, checks));
    if (result == null) {
      return BoxedUnit.UNIT;
    }
    if (result.status() == Status.FAIL && runtime.enforcing()) {
      runtime.record(result.withPublished(false));
      throw new GateRejectedException(result, "the view was not created and the job stops here");
    }
    runtime.record(result);
    return BoxedUnit.UNIT;
  }

  private DatasetResult check(GateRuntime runtime, CreateViewCommand view, DatasetRef ref, List<Check> checks) {
    Dataset<Row> data = Dataset.ofRows(spark, view.plan());
    CheckPlan plan = CheckPlan.plan(checks, data.schema());
    PassResult metrics = plan.runExtraPass(data, plan.runFirstPass(data));
    return DqGate.result(DatasetId.of(ref).matchedIn(runtime.rules), "view", plan, metrics,
        Plans.inputs(view.plan(), runtime::isGatedView), true);
  }
}
