package io.dqgate.spark.diagnostics;

import io.dqgate.core.result.StageSummary;
import io.dqgate.rules.check.StageView;

/**
 * A completed stage as the diagnostics see it: the summary that goes into the run, plus the totals
 * the explanations need.
 *
 * @param summary the stage's summary ({@code dataset} not yet set)
 * @param totalRunTimeMillis executor run time of all its tasks
 * @param shuffleReadRecords records read from shuffle by all its tasks
 * @param inputRecords records read from input by all its tasks
 * @param outputRecords records written by all its tasks
 */
record StageStats(
    StageSummary summary,
    long totalRunTimeMillis,
    long shuffleReadRecords,
    long inputRecords,
    long outputRecords)
    implements StageView {

  /** True when the stage wrote output (files of a write). */
  @Override
  public boolean wrote() {
    return summary.outputBytes() > 0 || summary.outputFiles() > 0 || outputRecords > 0;
  }

  StageStats withOutputFiles(long files, long bytes) {
    return new StageStats(
        copy(summary, summary.dataset(), files, bytes),
        totalRunTimeMillis,
        shuffleReadRecords,
        inputRecords,
        outputRecords);
  }

  static StageSummary withDataset(StageSummary s, io.dqgate.rules.DatasetId dataset) {
    return copy(s, dataset, s.outputFiles(), s.outputBytes());
  }

  /** {@code s} with its dataset and written files set. */
  private static StageSummary copy(
      StageSummary s, io.dqgate.rules.DatasetId dataset, long outputFiles, long outputBytes) {
    return new StageSummary(
        s.stageId(),
        s.attempt(),
        s.name(),
        s.executionId(),
        dataset,
        s.tasks(),
        s.emptyTasks(),
        s.shuffleReadBytes(),
        s.runTimeMillis(),
        s.inputBytes(),
        s.shuffleReadTotalBytes(),
        s.spillDiskBytes(),
        s.spillMemoryBytes(),
        s.gcTimeMillis(),
        outputFiles,
        outputBytes);
  }

  /** "stage 12 (parquet at App.java:40)", how explanations name a stage. */
  @Override
  public String label() {
    return "stage "
        + summary.stageId()
        + (summary.attempt() > 0 ? " attempt " + summary.attempt() : "")
        + " ("
        + summary.name()
        + ")";
  }

  // The view diagnostics judge (io.dqgate.rules.check): the summary's numbers.

  @Override
  public int tasks() {
    return summary.tasks();
  }

  @Override
  public int emptyTasks() {
    return summary.emptyTasks();
  }

  @Override
  public Spread shuffleReadBytes() {
    return new Spread(summary.shuffleReadBytes().median(), summary.shuffleReadBytes().max());
  }

  @Override
  public Spread runTimeMillis() {
    return new Spread(summary.runTimeMillis().median(), summary.runTimeMillis().max());
  }

  @Override
  public long shuffleReadTotalBytes() {
    return summary.shuffleReadTotalBytes();
  }

  @Override
  public long spillDiskBytes() {
    return summary.spillDiskBytes();
  }

  @Override
  public long spillMemoryBytes() {
    return summary.spillMemoryBytes();
  }

  @Override
  public long gcTimeMillis() {
    return summary.gcTimeMillis();
  }

  @Override
  public long outputFiles() {
    return summary.outputFiles();
  }

  @Override
  public long outputBytes() {
    return summary.outputBytes();
  }
}
