package io.dqgate.spark.write;

import io.dqgate.core.InternalJobs;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.AnalysisOnlyCommand;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule over writes, on the caller's thread while the analyzed plan still shows temp views and
 * cached plans (the optimizer removes both): notes what each write writes, so its identity carries
 * the view's name and its lineage reads through views. It also spots {@code saveAsTable} in
 * overwrite mode that {@link SaveAsTableGuard} could not protect (Spark drops the existing table
 * inside DataFrameWriter before any plan exists; the guard keeps managed tables with rules aside in
 * enforce mode), and warns loudly.
 */
public final class WriteAnalysisRule extends AbstractFunction1<LogicalPlan, BoxedUnit> {
  private final SparkSession spark;
  private final GateRuntime runtime;

  /** The last plan recorded on this thread (a plan is checked again when it is re-analysed). */
  private final ThreadLocal<LogicalPlan> seen = new ThreadLocal<>();

  public WriteAnalysisRule(SparkSession spark, GateRuntime runtime) {
    this.spark = spark;
    this.runtime = runtime;
  }

  /**
   * True when {@code plan} is {@code last} analysed again. Spark re-analyses a command before
   * executing it; commands that carry their query for analysis only (V2 CTAS/RTAS) come back as a
   * new instance: the same write when it names the same destination with the same query. (A later,
   * genuinely new write comes after {@code last} executed, which cleared it.)
   */
  private static boolean sameWrite(LogicalPlan last, LogicalPlan plan) {
    if (last == plan) {
      return true;
    }
    if (last == null
        || last.getClass() != plan.getClass()
        || !(plan instanceof AnalysisOnlyCommand)) {
      return false;
    }
    WriteTarget target = WriteTargets.find(plan);
    return target != null
        && target.identities(last).equals(target.identities(plan))
        && target.query(last).sameResult(target.query(plan));
  }

  @Override
  public BoxedUnit apply(LogicalPlan plan) {
    // A top-level write seen for the first time: not the gate's own job, not a command nested in
    // another (a CTAS's inner insert, Delta's internal queries), not a re-analysis of one plan.
    boolean nested = spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) != null;
    if (nested && !InternalJobs.active()) {
      // The top-level command seen last is executing: a later analysis is a new write. (The
      // gate's own pre-write pass runs before that command executes: it must not count.)
      seen.remove();
    }
    boolean firstLook = !InternalJobs.active() && !nested && !sameWrite(seen.get(), plan);
    if (firstLook) {
      // Every top-level write, checked or not, is recorded once: no write passes silently. Only
      // writes are remembered: the pre-write pass analyses the rows it checks in between.
      runtime
          .guard()
          .run(
              "recording a write",
              () -> {
                var write = WriteNodes.describe(spark, plan);
                if (write != null) {
                  seen.set(plan);
                  UnmatchedRules.seen(runtime, write);
                }
              });
    }
    WriteTarget target = InternalJobs.active() ? null : WriteTargets.find(plan);
    if (target != null) {
      runtime
          .guard()
          .run(
              "noting what a write writes",
              () ->
                  runtime
                      .executions()
                      .noteWritten(target.destinationKey(plan), Plans.written(target.query(plan))));
    }
    if (firstLook && target != null && target.pass() == WriteTarget.Pass.PRE_WRITE) {
      // Sinks with no hook inside their own write: checked now, before the write starts. A
      // rejection propagates through the guard and stops the write.
      runtime
          .guard()
          .run(
              "checking a write before it starts",
              () -> PrewritePass.check(spark, runtime, target, plan));
    }
    if (plan instanceof CreateDataSourceTableAsSelectCommand ctas
        && ctas.mode() == SaveMode.Overwrite
        && !nested
        && droppedUnprotected(ctas)) {
      String table = ctas.table().identifier().unquotedString();
      runtime
          .ledger()
          .warn(
              "saveAsTable(\""
                  + table
                  + "\") with mode overwrite cannot be protected: Spark dropped the old table"
                  + " before dqgate could check the new data (dqgate keeps only managed tables with"
                  + " rules aside, in enforce mode), so a rejection cannot bring it back. Use"
                  + " df.write().mode(\"overwrite\").insertInto(\""
                  + table
                  + "\") (or INSERT OVERWRITE TABLE) instead,"
                  + " which dqgate protects.");
    }
    return BoxedUnit.UNIT;
  }

  /** True when saveAsTable dropped the CTAS's table and no backup of it was kept. */
  private boolean droppedUnprotected(CreateDataSourceTableAsSelectCommand ctas) {
    var id = ctas.table().identifier();
    String db =
        id.database().isDefined()
            ? id.database().get()
            : spark.sessionState().catalog().getCurrentDatabase();
    return SaveAsTableGuard.droppedUnprotected(db, id.table());
  }
}
