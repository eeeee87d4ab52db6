package io.dqgate.spark.diagnostics;

import io.dqgate.core.InternalJobs;
import io.dqgate.core.result.StageSummary;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.spark.executor.ShuffleReadMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.metric.SQLMetricInfo;
import org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates;
import org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import scala.Tuple2;

/**
 * Task metrics of the user's Spark stages, fed by {@link GateListener} on the listener bus thread.
 *
 * <p>Each stage is attributed to the SQL execution of the job that first ran it (job property
 * {@code spark.sql.execution.id}); jobs marked {@link InternalJobs#PROPERTY} (the gate's own) are
 * left out. A task end costs a map lookup and a few additions ({@link TaskDistribution}); nothing
 * per task is kept. Completed stages wait, grouped by execution, until the execution ends ({@code
 * SparkListenerSQLExecutionEnd}), or for stages of non-SQL jobs until their job ends; then the
 * group goes to the sink. {@link #flush()} hands over what is still waiting (at the end of the
 * run).
 *
 * <p>Files written come from the write command's SQL metrics ("number of written files", "written
 * output", posted by Spark's BasicWriteJobStatsTracker on the driver at job commit), which count
 * every file including the several a task writes into dynamic partitions. Without them (non-SQL
 * writes) the count is the writing stage's tasks that wrote records, a lower bound.
 *
 * <p>Every map is bounded, so lost events (a full listener queue drops them) cannot make it grow.
 * Methods are synchronized: the bus thread calls them, and {@link #flush()} may come from a
 * shutdown hook.
 */
final class StageMetricsCollector {
  static final int MAX_ACTIVE_STAGES = 256;
  static final int MAX_PENDING_GROUPS = 128;
  static final int MAX_STAGES_PER_GROUP = 64;
  static final int MAX_TRACKED_JOBS = 1024;
  static final int MAX_STAGE_OWNERS = 4096;
  private static final String FILES_METRIC = "number of written files";
  private static final String BYTES_METRIC = "written output";
  private static final int MAX_PLAN_NODES = 10_000;

  /** The completed stages of one SQL execution (or of one non-SQL job). */
  record StageGroup(Long executionId, List<StageStats> stages) {}

  private record Job(long group, boolean internal, int[] stageIds) {}

  private final Consumer<StageGroup> sink;
  private final Map<Integer, Job> jobs = bounded(MAX_TRACKED_JOBS);
  private final Map<Integer, Job> stageOwners = bounded(MAX_STAGE_OWNERS);
  private final Map<Long, ActiveStage> active = bounded(MAX_ACTIVE_STAGES);
  private final Map<Long, Group> pending = new LinkedHashMap<>();
  private ActiveStage last;

  StageMetricsCollector(Consumer<StageGroup> sink) {
    this.sink = sink;
  }

  synchronized void onJobStart(SparkListenerJobStart event) {
    Properties props = event.properties();
    boolean internal = props != null && "true".equals(props.getProperty(InternalJobs.PROPERTY));
    String execution = props == null ? null : props.getProperty(SQLExecution.EXECUTION_ID_KEY());
    long group =
        execution != null && execution.matches("\\d{1,18}")
            ? Long.parseLong(execution)
            : -1L - event.jobId();
    List<StageInfo> infos = Plans.list(event.stageInfos());
    int[] ids = new int[infos.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = infos.get(i).stageId();
    }
    Job job = new Job(group, internal, ids);
    jobs.put(event.jobId(), job);
    for (int id : ids) {
      stageOwners.putIfAbsent(id, job);
    }
  }

  synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
    StageInfo info = event.stageInfo();
    Job owner = stageOwners.get(info.stageId());
    if (owner == null || owner.internal()) {
      return;
    }
    active.put(key(info.stageId(), info.attemptNumber()), new ActiveStage(info, owner.group()));
  }

  synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    ActiveStage stage = last;
    if (stage == null
        || stage.stageId != event.stageId()
        || stage.attempt != event.stageAttemptId()) {
      stage = active.get(key(event.stageId(), event.stageAttemptId()));
      if (stage == null) {
        return;
      }
      last = stage;
    }
    TaskMetrics metrics = event.taskMetrics();
    // Failed and killed attempts (speculative copies) would count a partition twice.
    if (metrics == null || event.reason() != org.apache.spark.Success$.MODULE$) {
      return;
    }
    stage.add(metrics);
  }

  synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo info = event.stageInfo();
    ActiveStage stage = active.remove(key(info.stageId(), info.attemptNumber()));
    if (last == stage) {
      last = null;
    }
    // A failed attempt's numbers are partial; its retry is summarised on its own.
    if (stage == null || info.failureReason().isDefined() || stage.runTime.count() == 0) {
      return;
    }
    group(stage.group).add(stage.toStats(stage.group >= 0 ? stage.group : null));
  }

  synchronized void onJobEnd(SparkListenerJobEnd event) {
    Job job = jobs.remove(event.jobId());
    if (job == null) {
      return;
    }
    for (int id : job.stageIds()) {
      stageOwners.remove(id, job);
    }
    if (job.group() < 0) {
      emit(job.group());
    }
  }

  /**
   * SQL execution events: start and adaptive updates (the write's metric ids), driver metrics, end.
   */
  synchronized void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionStart start) {
      group(start.executionId()).findWriteMetrics(start.sparkPlanInfo());
    } else if (event instanceof SparkListenerSQLAdaptiveExecutionUpdate update) {
      Group g = pending.get(update.executionId());
      if (g != null && g.filesAccumulator < 0) {
        g.findWriteMetrics(update.sparkPlanInfo());
      }
    } else if (event instanceof SparkListenerDriverAccumUpdates updates) {
      Group g = pending.get(updates.executionId());
      if (g != null && g.filesAccumulator >= 0) {
        for (Tuple2<Object, Object> u : Plans.list(updates.accumUpdates())) {
          g.driverUpdate((Long) u._1(), (Long) u._2());
        }
      }
    } else if (event instanceof SparkListenerSQLExecutionEnd end) {
      emit(end.executionId());
    }
  }

  /**
   * Hands every waiting group to the sink (executions whose end was not seen, e.g. at shutdown).
   */
  synchronized void flush() {
    for (Long key : new ArrayList<>(pending.keySet())) {
      emit(key);
    }
  }

  /**
   * What the collector holds now (stages in flight, groups waiting, jobs tracked): its bounded
   * state.
   */
  @Override
  public synchronized String toString() {
    return active.size()
        + " active stages, "
        + pending.size()
        + " waiting groups, "
        + jobs.size()
        + " jobs";
  }

  private Group group(long key) {
    Group g = pending.get(key);
    if (g == null) {
      if (pending.size() >= MAX_PENDING_GROUPS) {
        // An execution whose end never came (dropped event): evaluate the oldest now rather than
        // grow.
        emit(pending.keySet().iterator().next());
      }
      g = new Group();
      pending.put(key, g);
    }
    return g;
  }

  private void emit(long key) {
    Group g = pending.remove(key);
    if (g == null || g.stages.isEmpty()) {
      return;
    }
    List<StageStats> stages = new ArrayList<>(g.stages);
    stages.sort(Comparator.comparingInt(s -> s.summary().stageId()));
    if (g.files >= 0) {
      // The write command's exact counts go to the stage that wrote (the last one if several did).
      for (int i = stages.size() - 1; i >= 0; i--) {
        if (stages.get(i).wrote()) {
          stages.set(i, stages.get(i).withOutputFiles(g.files, Math.max(g.bytes, 0)));
          break;
        }
      }
    }
    sink.accept(new StageGroup(key >= 0 ? key : null, List.copyOf(stages)));
  }

  private static long key(int stageId, int attempt) {
    return ((long) stageId << 32) | (attempt & 0xffffffffL);
  }

  private static <K, V> Map<K, V> bounded(int max) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** Completed stages of one execution and the write's SQL metrics. */
  private static final class Group {
    final List<StageStats> stages = new ArrayList<>();
    long filesAccumulator = -1;
    long bytesAccumulator = -1;
    long files = -1;
    long bytes = -1;

    void add(StageStats stats) {
      stages.add(stats);
      if (stages.size() > MAX_STAGES_PER_GROUP) {
        // Keep the busiest stages of a very long execution.
        StageStats least = stages.get(0);
        for (StageStats s : stages) {
          if (!s.wrote() && s.totalRunTimeMillis() < least.totalRunTimeMillis()) {
            least = s;
          }
        }
        stages.remove(least);
      }
    }

    void findWriteMetrics(SparkPlanInfo plan) {
      List<SparkPlanInfo> todo = new ArrayList<>(List.of(plan));
      for (int seen = 0; !todo.isEmpty() && seen < MAX_PLAN_NODES; seen++) {
        SparkPlanInfo node = todo.remove(todo.size() - 1);
        for (SQLMetricInfo m : Plans.list(node.metrics())) {
          if (FILES_METRIC.equals(m.name())) {
            filesAccumulator = m.accumulatorId();
          } else if (BYTES_METRIC.equals(m.name())) {
            bytesAccumulator = m.accumulatorId();
          }
        }
        if (filesAccumulator >= 0) {
          return;
        }
        todo.addAll(Plans.list(node.children()));
      }
    }

    void driverUpdate(long accumulator, long value) {
      if (accumulator == filesAccumulator) {
        files = Math.max(files, 0) + value;
      } else if (accumulator == bytesAccumulator) {
        bytes = Math.max(bytes, 0) + value;
      }
    }
  }

  /** One running stage attempt: constant-size state, whatever its task count. */
  private static final class ActiveStage {
    final int stageId;
    final int attempt;
    final String name;
    final long group;
    final TaskDistribution shuffleRead = new TaskDistribution();
    final TaskDistribution runTime = new TaskDistribution();
    int emptyTasks;
    int tasksWithOutput;
    long shuffleReadRecords;
    long inputBytes;
    long inputRecords;
    long spillDisk;
    long spillMemory;
    long gcTime;
    long outputBytes;
    long outputRecords;

    ActiveStage(StageInfo info, long group) {
      this.stageId = info.stageId();
      this.attempt = info.attemptNumber();
      this.name = info.name();
      this.group = group;
    }

    void add(TaskMetrics m) {
      ShuffleReadMetrics read = m.shuffleReadMetrics();
      long readBytes = read.totalBytesRead();
      long readRecords = read.recordsRead();
      long inRecords = m.inputMetrics().recordsRead();
      long outRecords = m.outputMetrics().recordsWritten();
      shuffleRead.add(readBytes);
      runTime.add(m.executorRunTime());
      shuffleReadRecords += readRecords;
      inputBytes += m.inputMetrics().bytesRead();
      inputRecords += inRecords;
      spillDisk += m.diskBytesSpilled();
      spillMemory += m.memoryBytesSpilled();
      gcTime += m.jvmGCTime();
      outputBytes += m.outputMetrics().bytesWritten();
      outputRecords += outRecords;
      if (outRecords > 0) {
        tasksWithOutput++;
      }
      if (readRecords == 0
          && inRecords == 0
          && outRecords == 0
          && m.shuffleWriteMetrics().recordsWritten() == 0) {
        emptyTasks++;
      }
    }

    StageStats toStats(Long executionId) {
      StageSummary summary =
          new StageSummary(
              stageId,
              attempt,
              name,
              executionId,
              null,
              (int) runTime.count(),
              emptyTasks,
              shuffleRead.summary(),
              runTime.summary(),
              inputBytes,
              shuffleRead.sum(),
              spillDisk,
              spillMemory,
              gcTime,
              tasksWithOutput,
              outputBytes);
      return new StageStats(
          summary, runTime.sum(), shuffleReadRecords, inputRecords, outputRecords);
    }
  }
}
