package io.dqgate.spark.diagnostics;

import static io.dqgate.spark.diagnostics.SyntheticEvents.completed;
import static io.dqgate.spark.diagnostics.SyntheticEvents.executionEnd;
import static io.dqgate.spark.diagnostics.SyntheticEvents.jobEnd;
import static io.dqgate.spark.diagnostics.SyntheticEvents.jobStart;
import static io.dqgate.spark.diagnostics.SyntheticEvents.props;
import static io.dqgate.spark.diagnostics.SyntheticEvents.stage;
import static io.dqgate.spark.diagnostics.SyntheticEvents.submitted;
import static io.dqgate.spark.diagnostics.SyntheticEvents.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.PartitionSkew;
import io.dqgate.rules.check.Partitions;
import io.dqgate.rules.check.RuleMeta;
import io.dqgate.rules.check.SmallFiles;
import io.dqgate.rules.check.Spill;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;

/**
 * The collector fed with hand-built listener events, and the diagnostics on its summaries (no Spark
 * job).
 */
class StageDiagnosticsTest {
  private static final long MB = 1 << 20;
  private static final DatasetId DATASET = DatasetId.of(DatasetRef.path("/data/out"));

  private static RuleMeta meta(String id, Severity severity) {
    return new RuleMeta(id, severity, null, new SourceLocation("rules.yaml", 7, 9));
  }

  private static Check skew(
      Severity severity, String metric, double ratio, long minBytes, long minMillis) {
    return new PartitionSkew(
        meta("out.partition_skew", severity), metric, ratio, minBytes, minMillis);
  }

  /** Runs one SQL execution (id 7) with the given per-task shuffle bytes in its reading stage. */
  private static List<StageStats> execution(
      long[] shuffleBytes, long[] runMillis, long spill, long files, long outBytes) {
    List<StageMetricsCollector.StageGroup> groups = new ArrayList<>();
    StageMetricsCollector collector = new StageMetricsCollector(groups::add);
    Properties props = props(7L, false);
    StageInfo map = stage(1, 0, "parquet at App.java:10", 2);
    StageInfo reduce = stage(2, 0, "parquet at App.java:12", shuffleBytes.length);
    collector.onOtherEvent(SyntheticEvents.writeStart(7));
    collector.onJobStart(jobStart(0, props, map, reduce));
    collector.onStageSubmitted(submitted(map, props));
    collector.onTaskEnd(SyntheticEvents.mapTask(map, 0, 1000));
    collector.onTaskEnd(SyntheticEvents.mapTask(map, 1, 0));
    collector.onStageCompleted(completed(map));
    collector.onStageSubmitted(submitted(reduce, props));
    long writers = java.util.Arrays.stream(shuffleBytes).filter(b -> b > 0).count();
    for (int i = 0; i < shuffleBytes.length; i++) {
      long out = shuffleBytes[i] > 0 ? outBytes / writers : 0;
      collector.onTaskEnd(
          task(
              reduce,
              10 + i,
              shuffleBytes[i],
              shuffleBytes[i] > 0 ? 100 : 0,
              runMillis[i],
              i == 0 ? spill : 0,
              out,
              out > 0 ? 10 : 0));
    }
    collector.onStageCompleted(completed(reduce));
    collector.onJobEnd(jobEnd(0));
    if (files >= 0) {
      collector.onOtherEvent(SyntheticEvents.writeMetrics(7, files, outBytes));
    }
    assertTrue(groups.isEmpty(), "nothing is judged before the execution ends");
    collector.onOtherEvent(executionEnd(7));
    assertEquals(1, groups.size());
    assertEquals(7L, groups.get(0).executionId());
    return groups.get(0).stages();
  }

  private static long[] fill(int n, long value) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  private static List<StageStats> skewed() {
    long[] bytes = fill(8, MB);
    bytes[3] = 50 * MB;
    return execution(bytes, fill(8, 1000), 0, -1, 0);
  }

  private static List<Outcome> outcomes(List<StageStats> stages, Check... rules) {
    List<Outcome> all = new ArrayList<>();
    for (StageDiagnostics.Finding f :
        StageDiagnostics.evaluate(stages, DATASET, 7L, List.of(rules))) {
      assertEquals(DATASET, f.stage().dataset());
      all.addAll(f.outcomes());
    }
    return all;
  }

  @Test
  void distributionIsExactForSmallStagesAndWithinABucketForLargeOnes() {
    TaskDistribution small = new TaskDistribution();
    for (long v : new long[] {5, 1, 9, 3, 7}) {
      small.add(v);
    }
    assertEquals(new StageSummary.Distribution(1, 3, 5, 7, 9, 9), small.summary());

    TaskDistribution large = new TaskDistribution();
    long[] values = new Random(42).longs(100_000, 0, 1L << 40).toArray();
    for (long v : values) {
      large.add(v);
    }
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    for (double q : new double[] {0.25, 0.5, 0.75, 0.95}) {
      long exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      double error = Math.abs(large.quantile(q) - exact) / (double) exact;
      assertTrue(error <= 0.0625, q + ": " + large.quantile(q) + " vs " + exact);
    }
    assertEquals(sorted[sorted.length - 1], large.summary().max());
    assertEquals(sorted[0], large.summary().min());
  }

  @Test
  void collectorSummarisesAStageAndAttributesItToTheExecution() {
    List<StageStats> stages =
        execution(
            new long[] {MB, 2 * MB, 3 * MB, 4 * MB},
            new long[] {10, 20, 30, 40},
            5 * MB,
            12,
            40 * MB);
    assertEquals(2, stages.size());
    StageSummary reduce = stages.get(1).summary();
    assertEquals(2, reduce.stageId());
    assertEquals("parquet at App.java:12", reduce.name());
    assertEquals(7L, reduce.executionId());
    assertNull(
        reduce.dataset(), "the dataset is set by the diagnostics, from the execution's binding");
    assertEquals(4, reduce.tasks());
    assertEquals(
        new StageSummary.Distribution(MB, MB, 2 * MB, 3 * MB, 4 * MB, 4 * MB),
        reduce.shuffleReadBytes());
    assertEquals(new StageSummary.Distribution(10, 10, 20, 30, 40, 40), reduce.runTimeMillis());
    assertEquals(10 * MB, reduce.shuffleReadTotalBytes());
    assertEquals(5 * MB, reduce.spillDiskBytes());
    assertEquals(15 * MB, reduce.spillMemoryBytes());
    assertEquals(4, reduce.gcTimeMillis()); // 10/20 + 20/20 + 30/20 + 40/20 rounded down per task
    assertEquals(
        12, reduce.outputFiles(), "the write command's SQL metric, not the 4 writing tasks");
    assertEquals(40 * MB, reduce.outputBytes());
    assertEquals(100, stages.get(1).totalRunTimeMillis());
    assertEquals(400, stages.get(1).shuffleReadRecords());
    assertEquals(0, reduce.emptyTasks());
    assertEquals(1, stages.get(0).summary().emptyTasks(), "a map task that read and wrote nothing");
    assertEquals(100_000, stages.get(0).summary().inputBytes());
    assertEquals(1000, stages.get(0).inputRecords());
  }

  @Test
  void gateJobsFailedTasksAndNonSqlJobsAreHandledApart() {
    List<StageMetricsCollector.StageGroup> groups = new ArrayList<>();
    StageMetricsCollector collector = new StageMetricsCollector(groups::add);
    StageInfo internal = stage(1, 0, "dqgate exact pass", 2);
    Properties internalProps = props(3L, true);
    collector.onJobStart(jobStart(0, internalProps, internal));
    collector.onStageSubmitted(submitted(internal, internalProps));
    collector.onTaskEnd(task(internal, 0, MB, 1, 10, 0, 0, 0));
    collector.onStageCompleted(completed(internal));
    collector.onJobEnd(jobEnd(0));
    collector.onOtherEvent(executionEnd(3));
    assertTrue(groups.isEmpty(), "the gate's own jobs are left out: " + groups);

    StageInfo rdd = stage(2, 0, "count at App.java:20", 3);
    Properties plain = props(null, false);
    collector.onJobStart(jobStart(1, plain, rdd));
    collector.onStageSubmitted(submitted(rdd, plain));
    collector.onTaskEnd(task(rdd, 0, MB, 1, 10, 0, 0, 0));
    collector.onTaskEnd(SyntheticEvents.failedTask(rdd, 1, 100 * MB));
    collector.onTaskEnd(task(rdd, 2, MB, 1, 10, 0, 0, 0));
    collector.onStageCompleted(completed(rdd));
    collector.onJobEnd(jobEnd(1));
    assertEquals(1, groups.size(), "a job without SQL execution is judged when it ends");
    assertNull(groups.get(0).executionId());
    assertEquals(
        2, groups.get(0).stages().get(0).summary().tasks(), "the killed attempt is not counted");
    assertEquals(MB, groups.get(0).stages().get(0).summary().shuffleReadBytes().max());
  }

  @Test
  void collectorStateStaysBoundedWhenEndEventsAreLost() {
    List<StageMetricsCollector.StageGroup> groups = new ArrayList<>();
    StageMetricsCollector collector = new StageMetricsCollector(groups::add);
    for (int e = 0; e < 1000; e++) {
      Properties props = props((long) e, false);
      StageInfo s = stage(e, 0, "s", 1);
      collector.onJobStart(jobStart(e, props, s));
      collector.onStageSubmitted(submitted(s, props));
      collector.onTaskEnd(task(s, 0, MB, 1, 10, 0, 0, 0));
      collector.onStageCompleted(completed(s));
      // no job end, no execution end
    }
    assertEquals(
        1000 - StageMetricsCollector.MAX_PENDING_GROUPS,
        groups.size(),
        "oldest groups are judged early");
    assertTrue(
        collector
            .toString()
            .startsWith(
                "0 active stages, " + StageMetricsCollector.MAX_PENDING_GROUPS + " waiting"),
        collector.toString());
    collector.flush();
    assertEquals(1000, groups.size());
  }

  @Test
  void skewedStageFailsWithAnExplanationAPersonCanActOn() {
    List<Outcome> out = outcomes(skewed(), skew(Severity.FAIL, "bytes", 5, 8 * MB, 1000));
    assertEquals(1, out.size());
    Outcome o = out.get(0);
    assertEquals(Status.FAIL, o.status());
    assertEquals("partition_skew", o.check());
    assertEquals(50.0, o.observed());
    assertEquals(8L, o.total());
    assertEquals(
        "stage 2 (parquet at App.java:12) writing path /data/out: the largest of its 8 tasks read 50 MiB of"
            + " shuffle data vs a median of 1 MiB (50×; allowed ≤ 5×); that one task read 87.72% of the stage's 57 MiB of"
            + " shuffle data. One key is likely hot: salt it (append a random suffix, aggregate or join per salted key,"
            + " then combine); for sort-merge joins let AQE split it (spark.sql.adaptive.enabled=true,"
            + " spark.sql.adaptive.skewJoin.enabled=true, tune spark.sql.adaptive.skewJoin.skewedPartitionFactor and"
            + " skewedPartitionThresholdInBytes); if no single key dominates, repartition on a better-spread key"
            + " — rules.yaml:7",
        o.explanation());
    assertEquals("max/median ≤ 5× where the largest task read ≥ 8 MiB", o.threshold());

    assertEquals(
        Status.WARN,
        outcomes(skewed(), skew(Severity.WARN, "bytes", 5, 8 * MB, 1000)).get(0).status());
  }

  @Test
  void floorsKeepSmallStagesAndBalancedStagesQuiet() {
    Outcome belowFloor = outcomes(skewed(), skew(Severity.FAIL, "bytes", 5, 64 * MB, 1000)).get(0);
    assertEquals(Status.PASS, belowFloor.status());
    assertTrue(
        belowFloor
            .explanation()
            .startsWith(
                "no stage writing path /data/out is big enough to judge skew: its"
                    + " largest task read 50 MiB of shuffle data in stage 2 (parquet at App.java:12), below the floor of 64 MiB"),
        belowFloor.explanation());

    long[] balanced = {9 * MB, 10 * MB, 11 * MB, 10 * MB, 12 * MB, 9 * MB, 10 * MB, 10 * MB};
    Outcome even =
        outcomes(
                execution(balanced, fill(8, 1000), 0, -1, 0),
                skew(Severity.FAIL, "bytes", 5, MB, 1000))
            .get(0);
    assertEquals(Status.PASS, even.status());
    assertEquals(1.2, even.observed());
    assertTrue(
        even.explanation().contains("vs a median of 10 MiB (1.2×; allowed ≤ 5×) — rules.yaml:7"),
        even.explanation());

    long[] coalesced = {200 * MB}; // AQE coalesced the shuffle into one task: nothing to compare
    assertEquals(
        Status.PASS,
        outcomes(
                execution(coalesced, fill(1, 1000), 0, -1, 0),
                skew(Severity.FAIL, "bytes", 5, MB, 1000))
            .get(0)
            .status());
  }

  @Test
  void timeSkewWithBalancedBytesPointsAtPerRowCost() {
    long[] millis = fill(8, 1000);
    millis[5] = 40_000;
    Outcome o =
        outcomes(execution(fill(8, MB), millis, 0, -1, 0), skew(Severity.FAIL, "time", 5, MB, 5000))
            .get(0);
    assertEquals(Status.FAIL, o.status());
    assertTrue(
        o.explanation()
            .startsWith(
                "stage 2 (parquet at App.java:12) writing path /data/out: the slowest of its"
                    + " 8 tasks ran 40 s vs a median of 1 s (40×; allowed ≤ 5×); that one task took 85.11% of the stage's 47 s of"
                    + " task time. Its input was not much larger, so its rows cost more"),
        o.explanation());
  }

  @Test
  void partitionsSpillAndSmallFiles() {
    long[] bytes = {MB, 0, 0, 0, 0, 0, 0, 0};
    List<StageStats> stages = execution(bytes, fill(8, 10), 3 * MB, 8, 800 * 1024);
    List<Outcome> out =
        outcomes(
            stages,
            new Partitions(meta("out.partitions", Severity.FAIL), 16, null, 0.5),
            new Spill(meta("out.spill", Severity.WARN), MB),
            new SmallFiles(meta("out.small_files", Severity.WARN), 32 * MB, 2));
    assertEquals(
        List.of(Status.FAIL, Status.WARN, Status.WARN), out.stream().map(Outcome::status).toList());
    assertEquals(
        "stage 2 (parquet at App.java:12) writing path /data/out ran 8 tasks; expected at least 16: raise the"
            + " parallelism with repartition(n) before the write or spark.sql.shuffle.partitions; in stage 2 (parquet at"
            + " App.java:12), 7 of 8 tasks (87.5%) read and wrote nothing; allowed ≤ 50%: lower spark.sql.shuffle.partitions"
            + " or let AQE coalesce partitions — rules.yaml:7",
        out.get(0).explanation());
    assertTrue(
        out.get(1)
            .explanation()
            .startsWith(
                "the stages writing path /data/out spilled 3 MiB to disk, most in stage"
                    + " 2 (parquet at App.java:12): 3 MiB (9 MiB in memory before spilling; GC 0 ms); allowed ≤ 1 MiB. Give each task"
                    + " more memory"),
        out.get(1).explanation());
    assertEquals(
        "stage 2 (parquet at App.java:12) writing path /data/out wrote 8 files of 100 KiB on average (800 KiB"
            + " in total); expected ≥ 32 MiB on average: write fewer, larger files with coalesce(n) before the write"
            + " (repartition by the partition columns for a partitioned write), or with AQE raise"
            + " spark.sql.adaptive.advisoryPartitionSizeInBytes — rules.yaml:7",
        out.get(2).explanation());
    assertEquals(102400.0, out.get(2).observed());
    assertEquals(8L, out.get(2).total());
  }

  @Test
  void withoutRulesTheAdvisoryLevelReportsInfo() {
    long[] bytes = fill(8, MB);
    bytes[0] = 100 * MB;
    List<StageStats> stages = execution(bytes, fill(8, 10), MB, 20, 20 * 1024);
    List<StageDiagnostics.Finding> findings =
        StageDiagnostics.evaluate(stages, null, 7L, List.of());
    List<Outcome> out = findings.stream().flatMap(f -> f.outcomes().stream()).toList();
    assertEquals(
        List.of("advisory.partition_skew", "advisory.spill", "advisory.small_files"),
        out.stream().map(Outcome::ruleId).toList());
    assertTrue(out.stream().allMatch(o -> o.status() == Status.INFO), out.toString());
    assertTrue(
        out.get(0)
            .explanation()
            .startsWith(
                "stage 2 (parquet at App.java:12) of SQL execution 7: the largest of"
                    + " its 8 tasks read 100 MiB"),
        out.get(0).explanation());
    assertTrue(
        out.get(0).explanation().endsWith("— " + StageDiagnostics.ADVISORY_SOURCE.file()),
        out.get(0).explanation());

    // A rule of a kind replaces the advisory level of that kind; the other kinds stay advisory.
    List<Outcome> ruled = outcomes(stages, skew(Severity.WARN, "bytes", 200, MB, 1000));
    assertEquals(
        List.of("out.partition_skew", "advisory.spill", "advisory.small_files"),
        ruled.stream().map(Outcome::ruleId).toList());
    assertEquals(Status.PASS, ruled.get(0).status());

    // Balanced, no spill, few big files: nothing to say.
    List<StageStats> quiet = execution(fill(8, 100 * MB), fill(8, 10), 0, 4, 400 * MB);
    assertTrue(
        StageDiagnostics.evaluate(quiet, null, 7L, List.of()).stream()
            .allMatch(f -> f.outcomes().isEmpty()));
  }
}
