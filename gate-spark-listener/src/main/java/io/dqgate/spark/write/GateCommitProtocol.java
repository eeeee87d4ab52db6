package io.dqgate.spark.write;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.GateRejectedException;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.check.RunStages;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.ActiveGate;
import io.dqgate.spark.runtime.GateRuntimes;
import io.dqgate.spark.runtime.Guard;
import io.dqgate.spark.runtime.PendingWrite;
import io.dqgate.spark.view.ViewObservations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.spark.SparkContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Seq;

/**
 * The commit protocol of gated file writes: reads the metrics the write's own tasks computed,
 * decides, and in enforce mode throws before anything is published. Spark then aborts the job
 * (temporary files removed) and the caller's {@code write()} gets the rejection.
 *
 * <p>Spark deletes the old output of an overwrite <em>before</em> the job runs ({@code
 * deleteWithJob}); for gated writes those deletes are deferred to a passing commit, so a rejected
 * write leaves the old data exactly as it was. Needs FileOutputCommitter algorithm 1 (the default):
 * with 2 tasks publish their files before the job commits.
 */
public class GateCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private final String outputPath;
  private final String jobId;
  private final boolean dynamicPartitionOverwrite;
  private transient List<Deferred> deferred;

  /** Whether the output directory existed before this job (null: not known). Driver side only. */
  private transient Boolean outputExisted;

  private transient boolean rejected;

  private record Deferred(FileSystem fs, Path path, boolean recursive) {}

  public GateCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
    this.outputPath = path;
    this.jobId = jobId;
    this.dynamicPartitionOverwrite = dynamicPartitionOverwrite;
  }

  private PendingWrite pending() {
    ActiveGate runtime = GateRuntimes.current();
    if (runtime == null) {
      return null;
    }
    PendingWrite byPath = runtime.pendingWrites().pendingFor(Plans.pathKey(outputPath));
    return byPath != null ? byPath : pendingInRunningPlan(runtime);
  }

  /**
   * The pending write whose metrics ride in the running execution's plan. Writers that commit into
   * a staging directory (Hive: {@code <table>/.hive-staging_…/-ext-10000}) give this protocol a
   * path no write was planned for; the execution still carries the write's {@code CollectMetrics}.
   */
  private static PendingWrite pendingInRunningPlan(ActiveGate runtime) {
    QueryExecution qe = queryExecution();
    if (qe == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    metricsNames(qe.optimizedPlan(), names);
    PendingWrite found = null;
    for (String name : names) {
      PendingWrite write = runtime.pendingWrites().named(name);
      if (write != null) {
        if (found != null) {
          return null; // two gated writes in one execution: the path alone may decide
        }
        found = write;
      }
    }
    return found;
  }

  private static void metricsNames(LogicalPlan plan, List<String> names) {
    if (plan instanceof CollectMetrics cm && cm.name().startsWith("dqgate_")) {
      names.add(cm.name());
    }
    for (LogicalPlan child : Plans.list(plan.children())) {
      metricsNames(child, names);
    }
  }

  /** The running gate's guard, or a fail-open one when no gate runs. */
  private static Guard guard() {
    ActiveGate runtime = GateRuntimes.current();
    return runtime == null ? Guard.FAIL_OPEN : runtime.guard();
  }

  @Override
  public boolean deleteWithJob(FileSystem fs, Path path, boolean recursive) {
    ActiveGate runtime = GateRuntimes.current();
    boolean defer =
        guard()
            .run(
                "deferring an overwrite's delete",
                false,
                () ->
                    runtime != null
                        && runtime.enforcing()
                        && (pending() != null || ViewObservations.consumesViews(queryExecution())));
    if (!defer) {
      return super.deleteWithJob(fs, path, recursive);
    }
    if (deferred == null) {
      deferred = new ArrayList<>();
    }
    deferred.add(new Deferred(fs, path, recursive));
    return true;
  }

  @Override
  public void setupJob(JobContext jobContext) {
    outputExisted =
        guard()
            .run(
                "looking at the output path",
                null,
                () -> {
                  try {
                    Path path = new Path(outputPath);
                    return path.getFileSystem(jobContext.getConfiguration()).exists(path);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    super.setupJob(jobContext);
  }

  @Override
  public void abortJob(JobContext jobContext) {
    super.abortJob(jobContext);
    if (rejected && Boolean.FALSE.equals(outputExisted)) {
      // The job created the output directory; a rejected write leaves the destination as it was:
      // absent.
      guard()
          .run(
              "removing the empty output directory of a rejected write",
              () -> {
                try {
                  Path path = new Path(outputPath);
                  FileSystem fs = path.getFileSystem(jobContext.getConfiguration());
                  if (fs.exists(path) && fs.listStatus(path).length == 0) {
                    fs.delete(path, false);
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
    // saveAsTable(overwrite) of a table kept aside by SaveAsTableGuard: put the old table back.
    guard()
        .run(
            "restoring a table whose overwrite was not published",
            () -> SaveAsTableGuard.restore(SparkSession.active(), Plans.pathKey(outputPath)));
  }

  @Override
  public void commitJob(
      JobContext jobContext, Seq<FileCommitProtocol.TaskCommitMessage> taskCommits) {
    ActiveGate runtime = GateRuntimes.current();
    // Temp views checked in observe mode whose metrics rode in this write's pass (views=observe).
    List<DatasetResult> failedViews =
        runtime == null
            ? List.of()
            : runtime
                .guard()
                .run(
                    "reading the views a write read",
                    List.<DatasetResult>of(),
                    () ->
                        ViewObservations.read(
                            runtime,
                            SparkSession.active(),
                            queryExecution(),
                            "view (observed in write to " + outputPath + ")",
                            true));
    PendingWrite write = guard().run("finding the write's checks", null, this::pending);
    guard()
        .run(
            "binding a write to its stage diagnostics",
            () -> bindWrite(write != null ? write.outputPath() : Plans.pathKey(outputPath)));
    DatasetResult result = null;
    if (write != null) {
      DatasetResult decided =
          runtime.guard().run("deciding a write", null, () -> decide(runtime, write, jobContext));
      // fail-open: a write the gate could not decide is published, with every rule ERROR in the
      // reports
      result =
          decided != null
              ? decided
              : undecided(write, "of an internal gate error (see the warnings)");
      runtime.pendingWrites().done(write);
    }
    boolean writeFailed = result != null && result.status() == Status.FAIL;
    if (runtime != null && runtime.enforcing() && (writeFailed || !failedViews.isEmpty())) {
      List<DatasetResult> reasons = new ArrayList<>();
      if (result != null) {
        runtime.ledger().record(result.withPublished(false));
        if (writeFailed) {
          reasons.add(result);
        }
      }
      reasons.addAll(failedViews);
      rejected = true;
      String consequence =
          "nothing was published and the data at "
              + (write != null ? write.outputPath() : Plans.pathKey(outputPath))
              + " is unchanged";
      throw new GateRejectedException(
          reasons,
          failedViews.isEmpty()
              ? consequence
              : consequence + " (the write reads a view that breached a fail rule)");
    }
    if (result != null) {
      runtime.ledger().record(result);
    }
    runDeferredDeletes();
    super.commitJob(jobContext, taskCommits);
    guard()
        .run(
            "deleting the old data of an overwritten table",
            () -> SaveAsTableGuard.release(SparkSession.active(), Plans.pathKey(outputPath)));
  }

  /** Tells the stage diagnostics which dataset (table and path) this execution writes. */
  private static void bindWrite(String pathKey) {
    ActiveGate runtime = GateRuntimes.current();
    String executionId =
        SparkSession.active().sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY());
    if (runtime != null && executionId != null) {
      runtime.executions().bindWrite(Long.parseLong(executionId), pathKey);
    }
  }

  /** The query execution of the running write, or null. */
  private static QueryExecution queryExecution() {
    String executionId =
        SparkSession.active().sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY());
    return executionId == null ? null : SQLExecution.getQueryExecution(Long.parseLong(executionId));
  }

  private DatasetResult decide(ActiveGate runtime, PendingWrite write, JobContext jobContext) {
    SparkSession spark = SparkSession.active();
    SparkContext sc = spark.sparkContext();
    String executionId = sc.getLocalProperty(SQLExecution.EXECUTION_ID_KEY());
    QueryExecution qe =
        executionId == null ? null : SQLExecution.getQueryExecution(Long.parseLong(executionId));
    Row row = null;
    if (qe != null) {
      scala.Option<Row> observed = qe.observedMetrics().get(write.metricsName());
      row = observed.isDefined() ? observed.get() : null;
    }
    if (executionId != null) {
      runtime.executions().bindExecution(Long.parseLong(executionId), write.id());
    }
    CheckPlan plan = write.plan();
    if (row == null) {
      String message =
          "the metrics of write "
              + write.metricsName()
              + " to "
              + write.outputPath()
              + " were not found";
      runtime.ledger().internalError(message);
      return undecided(write, message);
    }
    PassResult metrics = plan.readObserved(row);
    if (plan.needsExtraPass()) {
      // One job over the staged files' checked columns, not the write's query again.
      metrics =
          StagedFiles.exactPass(
              spark, qe.analyzed(), plan, metrics, jobId, dynamicPartitionOverwrite, jobContext);
    }
    return DqGate.result(
        write.id(),
        write.action(),
        plan,
        metrics,
        write.inputs(),
        true,
        runtime.ledger().judgedSoFar());
  }

  /** The result of a write whose rules could not be computed: every rule ERROR, with the reason. */
  static DatasetResult undecided(PendingWrite write, String reason) {
    CheckPlan plan = write.plan();
    return DqGate.result(
            write.id(),
            write.action(),
            plan,
            plan.emptyResult(),
            write.inputs(),
            true,
            RunStages.NONE)
        .withOutcomes(errors(plan, reason));
  }

  private static List<Outcome> errors(CheckPlan plan, String reason) {
    List<Outcome> outcomes = new ArrayList<>();
    for (var check : plan.checks()) {
      outcomes.add(io.dqgate.core.result.Outcomes.error(check, reason));
    }
    return outcomes;
  }

  /** Deletes what an overwrite removed, keeping this job's own staging files. */
  private void runDeferredDeletes() {
    if (deferred == null) {
      return;
    }
    for (Deferred d : deferred) {
      try {
        if (!d.fs().exists(d.path())) {
          continue;
        }
        if (Plans.pathKey(d.path().toString()).equals(Plans.pathKey(outputPath))
            && d.fs().getFileStatus(d.path()).isDirectory()) {
          // The whole output directory: its _temporary / .spark-staging-* dirs hold this job's
          // files.
          for (FileStatus child : d.fs().listStatus(d.path())) {
            String name = child.getPath().getName();
            if (!name.equals("_temporary") && !name.startsWith(".spark-staging-")) {
              d.fs().delete(child.getPath(), true);
            }
          }
        } else {
          d.fs().delete(d.path(), d.recursive());
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "Cannot delete " + d.path() + " for the overwrite: " + e.getMessage(), e);
      }
    }
    deferred = null;
    LOG.debug("dqgate: ran deferred overwrite deletes for {}", outputPath);
  }
}
