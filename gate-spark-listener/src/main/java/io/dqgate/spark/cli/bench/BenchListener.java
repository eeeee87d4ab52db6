package io.dqgate.spark.cli.bench;

import io.dqgate.core.InternalJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;

/**
 * What one benchmark run cost, counted in the driver of the job under test: attached by {@code
 * ./dqgate bench} with {@code spark.extraListeners} in every configuration (gate off included), and
 * written to the file named by {@value #METRICS_FILE} when the application ends.
 *
 * <ul>
 *   <li>jobs: every job started (an action, and each shuffle stage AQE submits as its own job);
 *       gate jobs: those run with the gate's {@code dqgate.internal} local property;
 *   <li>stages: stages submitted (skipped stages, whose shuffle output is reused, are not run);
 *   <li>scans: completed stages whose tasks read input records (from files, or from cached blocks:
 *       Spark counts both), and the input records they read (a cached SQL table counts its column
 *       batches, not rows, so this total is not a row count);
 *   <li>heap: see {@link HeapPeak}; peak RSS: {@code VmHWM} of {@code /proc/self/status}.
 * </ul>
 */
public final class BenchListener extends SparkListener {
  /**
   * The Spark conf naming the file this listener writes (outside {@code spark.dqgate.}: not a gate
   * key).
   */
  public static final String METRICS_FILE = "spark.dqgatebench.metricsFile";

  private final Path file;
  private final HeapPeak heap = HeapPeak.start();
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong gateJobs = new AtomicLong();
  private final AtomicLong stages = new AtomicLong();
  private final AtomicLong scans = new AtomicLong();
  private final AtomicLong inputRecords = new AtomicLong();

  public BenchListener(SparkConf conf) {
    if (!conf.contains(METRICS_FILE)) {
      throw new IllegalArgumentException(
          "Cannot start the benchmark listener because "
              + METRICS_FILE
              + " is not set: pass --conf "
              + METRICS_FILE
              + "=<file>");
    }
    this.file = Path.of(conf.get(METRICS_FILE));
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
    if (jobStart.properties() != null
        && "true".equals(jobStart.properties().getProperty(InternalJobs.PROPERTY))) {
      gateJobs.incrementAndGet();
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
    stages.incrementAndGet();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    var metrics = stageCompleted.stageInfo().taskMetrics();
    long read = metrics == null ? 0 : metrics.inputMetrics().recordsRead();
    if (read > 0) {
      scans.incrementAndGet();
      inputRecords.addAndGet(read);
    }
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd applicationEnd) {
    HeapPeak.Figures figures = heap.stop();
    RunCounts counts =
        new RunCounts(
            jobs.get(),
            gateJobs.get(),
            stages.get(),
            scans.get(),
            inputRecords.get(),
            figures.peakUsedBytes(),
            figures.peakAfterGcBytes(),
            HeapPeak.peakRssBytes(),
            HeapPeak.processCpuNanos());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, counts.toProperties());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the benchmark figures to " + file, e);
    }
  }
}
