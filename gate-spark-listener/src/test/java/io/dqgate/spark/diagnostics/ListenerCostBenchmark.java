package io.dqgate.spark.diagnostics;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.PartitionSkew;
import io.dqgate.rules.check.RuleMeta;
import io.dqgate.rules.check.SmallFiles;
import io.dqgate.rules.check.Spill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * What the stage diagnostics cost on the listener bus thread: synthetic listener events through
 * {@link StageMetricsCollector}, each timed, with the judging of every execution (StageDiagnostics
 * with rules) included in the execution-end events. Not a test (Surefire does not pick it up); run
 * it by hand from gate-spark-listener after {@code mvn -o verify -pl gate-spark-listener -am
 * -DskipTests dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt}:
 *
 * <pre>
 * java -Xmx1g -XX:+UseParallelGC -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     io.dqgate.spark.ListenerCostBenchmark [executions] [tasks per stage]</pre>
 *
 * Defaults: 50 executions × 20,000 tasks (1,000,000 task-end events). With the single argument
 * {@code memory} it measures the collector's retained heap instead, in a worst case.
 */
public final class ListenerCostBenchmark {
  private static final int POOL = 512;
  private static final int STAGE_IDS = 8;

  private ListenerCostBenchmark() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("memory")) {
      memory();
      return;
    }
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    List<Check> rules =
        List.of(
            new PartitionSkew(
                new RuleMeta(
                    "bench.partition_skew", Severity.FAIL, null, SourceLocation.unknown("bench")),
                "bytes",
                5,
                64L << 20,
                1000),
            new Spill(
                new RuleMeta("bench.spill", Severity.WARN, null, SourceLocation.unknown("bench")),
                0),
            new SmallFiles(
                new RuleMeta(
                    "bench.small_files", Severity.WARN, null, SourceLocation.unknown("bench")),
                8L << 20,
                8));
    long[] judged = new long[1];
    StageMetricsCollector collector =
        new StageMetricsCollector(
            group ->
                judged[0] +=
                    StageDiagnostics.evaluate(
                            group.stages(),
                            DatasetId.of(DatasetRef.path("/bench")),
                            group.executionId(),
                            rules)
                        .size());

    // Task events are built once per stage id (a TaskMetrics is ~40 accumulators) and replayed.
    Random random = new Random(1);
    StageInfo[] stages = new StageInfo[STAGE_IDS];
    SparkListenerTaskEnd[][] pool = new SparkListenerTaskEnd[STAGE_IDS][POOL];
    for (int s = 0; s < STAGE_IDS; s++) {
      stages[s] = SyntheticEvents.stage(s, 0, "parquet at Bench.java:" + s, tasks);
      for (int t = 0; t < POOL; t++) {
        long bytes = (long) (Math.exp(random.nextGaussian() * 1.5) * (1 << 20));
        pool[s][t] =
            SyntheticEvents.task(
                stages[s],
                t,
                bytes,
                bytes / 100,
                50 + random.nextInt(2000),
                t % 50 == 0 ? 1 << 20 : 0,
                bytes / 2,
                bytes / 200);
      }
    }

    // Warm up the JIT, then measure.
    run(collector, stages, pool, 5, tasks, 0, null, null);
    long[] taskNanos = new long[executions * tasks];
    long[] otherNanos = new long[executions * 6];
    run(collector, stages, pool, executions, tasks, 1_000_000, taskNanos, otherNanos);

    System.out.printf(
        Locale.ROOT,
        "task end events:  %,d  median %.3f µs  p99 %.3f µs  max %.1f µs%n",
        taskNanos.length,
        pct(taskNanos, 0.5) / 1e3,
        pct(taskNanos, 0.99) / 1e3,
        pct(taskNanos, 1.0) / 1e3);
    String[] kinds = {
      "SQL execution start",
      "job start",
      "stage submitted",
      "stage completed",
      "job end",
      "SQL execution end (judging)"
    };
    for (int k = 0; k < kinds.length; k++) {
      long[] of = new long[executions];
      for (int e = 0; e < executions; e++) {
        of[e] = otherNanos[e * kinds.length + k];
      }
      System.out.printf(
          Locale.ROOT,
          "%-28s %,d  median %.3f µs  p99 %.3f µs%n",
          kinds[k] + ":",
          of.length,
          pct(of, 0.5) / 1e3,
          pct(of, 0.99) / 1e3);
    }
    System.out.println(
        "stages judged: " + judged[0] + "; collector state after the run: " + collector.toString());

    // Judging alone once the JIT has compiled it (a real application judges far fewer executions).
    List<StageStats> one = new ArrayList<>();
    StageMetricsCollector capture = new StageMetricsCollector(group -> one.addAll(group.stages()));
    run(capture, stages, pool, 1, tasks, 0, null, null);
    long[] judge = new long[20_000];
    for (int i = 0; i < judge.length; i++) {
      long t0 = System.nanoTime();
      judged[0] +=
          StageDiagnostics.evaluate(one, DatasetId.of(DatasetRef.path("/bench")), 1L, rules).size();
      judge[i] = System.nanoTime() - t0;
    }
    System.out.printf(
        Locale.ROOT,
        "judging one execution, warm (last 10,000 of 20,000): median %.3f µs  p99 %.3f µs%n",
        pct(Arrays.copyOfRange(judge, 10_000, 20_000), 0.5) / 1e3,
        pct(Arrays.copyOfRange(judge, 10_000, 20_000), 0.99) / 1e3);
  }

  /**
   * Retained memory in a fresh JVM, worst case: every stage left running and no job or execution
   * ever ending (lost events), so every bounded map is full and every active stage has > 64 tasks
   * (its histograms allocated).
   */
  private static void memory() {
    fill(new StageMetricsCollector(group -> {}), 10); // loads and initialises the classes involved
    long before = usedHeap();
    StageMetricsCollector full = new StageMetricsCollector(group -> {});
    fill(full, 2000);
    long after = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "retained, worst case (2,000 executions that never end, stages that never"
            + " complete): %,d KB [%s]%n",
        (after - before) >> 10,
        full.toString());
  }

  private static void fill(StageMetricsCollector full, int executions) {
    for (int e = 0; e < executions; e++) {
      Properties props = SyntheticEvents.props((long) e, false);
      StageInfo done = SyntheticEvents.stage(100_000 + e, 0, "done", 100);
      StageInfo running = SyntheticEvents.stage(e, 0, "running", 100);
      full.onJobStart(SyntheticEvents.jobStart(e, props, done, running));
      full.onStageSubmitted(SyntheticEvents.submitted(done, props));
      for (int t = 0; t < 100; t++) {
        full.onTaskEnd(SyntheticEvents.task(done, t, t << 10, 10, 100, 0, 0, 0));
      }
      full.onStageCompleted(SyntheticEvents.completed(done));
      full.onStageSubmitted(SyntheticEvents.submitted(running, props));
      for (int t = 0; t < 100; t++) {
        full.onTaskEnd(SyntheticEvents.task(running, t, t << 10, 10, 100, 0, 0, 0));
      }
    }
  }

  private static void run(
      StageMetricsCollector c,
      StageInfo[] stages,
      SparkListenerTaskEnd[][] pool,
      int executions,
      int tasks,
      int firstExecution,
      long[] taskNanos,
      long[] otherNanos) {
    int ti = 0;
    int oi = 0;
    for (int e = 0; e < executions; e++) {
      long exec = firstExecution + e;
      int jobId = (int) exec;
      int s = e % STAGE_IDS;
      Properties props = SyntheticEvents.props(exec, false);
      Object[] events = {
        SyntheticEvents.writeStart(exec),
        SyntheticEvents.jobStart(jobId, props, stages[s]),
        SyntheticEvents.submitted(stages[s], props)
      };
      for (Object event : events) {
        long t0 = System.nanoTime();
        dispatch(c, event);
        if (otherNanos != null) {
          otherNanos[oi++] = System.nanoTime() - t0;
        }
      }
      SparkListenerTaskEnd[] p = pool[s];
      for (int t = 0; t < tasks; t++) {
        SparkListenerTaskEnd event = p[t % POOL];
        long t0 = System.nanoTime();
        c.onTaskEnd(event);
        if (taskNanos != null) {
          taskNanos[ti++] = System.nanoTime() - t0;
        }
      }
      Object[] ends = {
        SyntheticEvents.completed(stages[s]),
        SyntheticEvents.jobEnd(jobId),
        SyntheticEvents.executionEnd(exec)
      };
      for (Object event : ends) {
        long t0 = System.nanoTime();
        dispatch(c, event);
        if (otherNanos != null) {
          otherNanos[oi++] = System.nanoTime() - t0;
        }
      }
    }
  }

  private static void dispatch(StageMetricsCollector c, Object event) {
    if (event instanceof org.apache.spark.scheduler.SparkListenerJobStart e) {
      c.onJobStart(e);
    } else if (event instanceof org.apache.spark.scheduler.SparkListenerStageSubmitted e) {
      c.onStageSubmitted(e);
    } else if (event instanceof org.apache.spark.scheduler.SparkListenerStageCompleted e) {
      c.onStageCompleted(e);
    } else if (event instanceof org.apache.spark.scheduler.SparkListenerJobEnd e) {
      c.onJobEnd(e);
    } else {
      c.onOtherEvent((org.apache.spark.scheduler.SparkListenerEvent) event);
    }
  }

  private static double pct(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
