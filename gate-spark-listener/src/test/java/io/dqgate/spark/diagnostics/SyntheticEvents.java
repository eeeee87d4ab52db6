package io.dqgate.spark.diagnostics;

import io.dqgate.core.InternalJobs;
import io.dqgate.spark.plan.Plans;
import java.util.List;
import java.util.Properties;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.metric.SQLMetricInfo;
import org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import scala.Option;
import scala.Tuple2;

/** Spark listener events built by hand, for collector tests and the listener-cost benchmark. */
final class SyntheticEvents {
  static final long FILES_ACCUMULATOR = 9001;
  static final long BYTES_ACCUMULATOR = 9002;

  private SyntheticEvents() {}

  static StageInfo stage(int id, int attempt, String name, int tasks) {
    return new StageInfo(
        id,
        attempt,
        name,
        tasks,
        Plans.seq(List.of()),
        Plans.seq(List.of()),
        "",
        null,
        Plans.seq(List.of()),
        Option.empty(),
        0,
        false,
        0);
  }

  static Properties props(Long executionId, boolean internal) {
    Properties p = new Properties();
    if (executionId != null) {
      p.setProperty("spark.sql.execution.id", executionId.toString());
    }
    if (internal) {
      p.setProperty(InternalJobs.PROPERTY, "true");
    }
    return p;
  }

  static SparkListenerJobStart jobStart(int jobId, Properties props, StageInfo... stages) {
    return new SparkListenerJobStart(jobId, 0L, Plans.seq(List.of(stages)), props);
  }

  static SparkListenerStageSubmitted submitted(StageInfo stage, Properties props) {
    return new SparkListenerStageSubmitted(stage, props);
  }

  static SparkListenerStageCompleted completed(StageInfo stage) {
    return new SparkListenerStageCompleted(stage);
  }

  static SparkListenerJobEnd jobEnd(int jobId) {
    return new SparkListenerJobEnd(jobId, 0L, JobSucceeded$.MODULE$);
  }

  /** A successful task that read {@code shuffleBytes} of shuffle data and ran {@code runMillis}. */
  static SparkListenerTaskEnd task(
      StageInfo stage,
      long taskId,
      long shuffleBytes,
      long shuffleRecords,
      long runMillis,
      long spill,
      long outBytes,
      long outRecords) {
    TaskMetrics m = new TaskMetrics();
    m.setExecutorRunTime(runMillis);
    m.setJvmGCTime(runMillis / 20);
    m.shuffleReadMetrics().setLocalBytesRead(shuffleBytes);
    m.shuffleReadMetrics().setRecordsRead(shuffleRecords);
    m.incDiskBytesSpilled(spill);
    m.incMemoryBytesSpilled(spill * 3);
    m.outputMetrics().setBytesWritten(outBytes);
    m.outputMetrics().setRecordsWritten(outRecords);
    TaskInfo info =
        new TaskInfo(
            taskId,
            (int) taskId,
            0,
            (int) taskId,
            0L,
            "1",
            "127.0.0.1",
            TaskLocality.PROCESS_LOCAL(),
            false);
    return new SparkListenerTaskEnd(
        stage.stageId(),
        stage.attemptNumber(),
        "ResultTask",
        org.apache.spark.Success$.MODULE$,
        info,
        new ExecutorMetrics(),
        m);
  }

  /** A successful map task: read {@code records} input records and wrote them to shuffle. */
  static SparkListenerTaskEnd mapTask(StageInfo stage, long taskId, long records) {
    SparkListenerTaskEnd t = task(stage, taskId, 0, 0, 100, 0, 0, 0);
    t.taskMetrics().inputMetrics().setRecordsRead(records);
    t.taskMetrics().inputMetrics().setBytesRead(records * 100);
    t.taskMetrics().shuffleWriteMetrics().incRecordsWritten(records);
    return t;
  }

  static SparkListenerTaskEnd failedTask(StageInfo stage, long taskId, long shuffleBytes) {
    SparkListenerTaskEnd ok = task(stage, taskId, shuffleBytes, 1, 10, 0, 0, 0);
    return new SparkListenerTaskEnd(
        ok.stageId(),
        ok.stageAttemptId(),
        ok.taskType(),
        org.apache.spark.TaskKilled.apply(
            "speculative copy", Plans.seq(List.of()), Plans.seq(List.of()), Plans.seq(List.of())),
        ok.taskInfo(),
        ok.taskExecutorMetrics(),
        ok.taskMetrics());
  }

  /** The start of a SQL execution whose plan is a file write (with Spark's write metric names). */
  static SparkListenerSQLExecutionStart writeStart(long executionId) {
    SparkPlanInfo scan =
        new SparkPlanInfo(
            "Scan",
            "Scan",
            Plans.seq(List.of()),
            scala.collection.immutable.Map$.MODULE$.empty(),
            Plans.seq(List.of(new SQLMetricInfo("number of output rows", 1, "sum"))));
    SparkPlanInfo write =
        new SparkPlanInfo(
            "Execute InsertIntoHadoopFsRelationCommand",
            "write",
            Plans.seq(List.of(scan)),
            scala.collection.immutable.Map$.MODULE$.empty(),
            Plans.seq(
                List.of(
                    new SQLMetricInfo("number of written files", FILES_ACCUMULATOR, "sum"),
                    new SQLMetricInfo("written output", BYTES_ACCUMULATOR, "size"))));
    return new SparkListenerSQLExecutionStart(
        executionId,
        Option.empty(),
        "write",
        "",
        "",
        write,
        0L,
        scala.collection.immutable.Map$.MODULE$.empty(),
        scala.collection.immutable.Set$.MODULE$.empty());
  }

  static SparkListenerDriverAccumUpdates writeMetrics(long executionId, long files, long bytes) {
    return new SparkListenerDriverAccumUpdates(
        executionId,
        Plans.seq(
            List.of(
                new Tuple2<Object, Object>(FILES_ACCUMULATOR, files),
                new Tuple2<Object, Object>(BYTES_ACCUMULATOR, bytes))));
  }

  static SparkListenerSQLExecutionEnd executionEnd(long executionId) {
    return new SparkListenerSQLExecutionEnd(executionId, 0L, Option.empty());
  }
}
