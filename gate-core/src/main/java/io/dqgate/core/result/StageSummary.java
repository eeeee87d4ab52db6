package io.dqgate.core.result;

import io.dqgate.rules.DatasetId;

/**
 * Task-metric summary of one Spark stage, attributed to the SQL execution and gated dataset it
 * served. Distributions are summarised as quantiles (min, p25, median, p75, p95, max), never kept
 * per task.
 *
 * @param stageId Spark stage id
 * @param attempt stage attempt
 * @param name Spark's stage name (call site)
 * @param executionId the SQL execution id, or null
 * @param dataset the gated dataset it produced, or null
 * @param tasks the task count (partitions)
 * @param emptyTasks tasks that read and wrote no records
 * @param shuffleReadBytes distribution of shuffle-read bytes per task
 * @param runTimeMillis distribution of executor run time per task
 * @param inputBytes total input bytes
 * @param shuffleReadTotalBytes total shuffle-read bytes
 * @param spillDiskBytes total bytes spilled to disk
 * @param spillMemoryBytes total bytes spilled from memory
 * @param gcTimeMillis total GC time
 * @param outputFiles files written (0 when not a write)
 * @param outputBytes bytes written
 */
public record StageSummary(
    int stageId,
    int attempt,
    String name,
    Long executionId,
    DatasetId dataset,
    int tasks,
    int emptyTasks,
    Distribution shuffleReadBytes,
    Distribution runTimeMillis,
    long inputBytes,
    long shuffleReadTotalBytes,
    long spillDiskBytes,
    long spillMemoryBytes,
    long gcTimeMillis,
    long outputFiles,
    long outputBytes) {

  /** Quantiles of a per-task metric. */
  public record Distribution(long min, long p25, long median, long p75, long p95, long max) {
    public double maxOverMedian() {
      return median == 0 ? (max == 0 ? 1.0 : Double.POSITIVE_INFINITY) : (double) max / median;
    }
  }
}
