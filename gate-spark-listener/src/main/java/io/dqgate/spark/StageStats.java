package io.dqgate.spark;

import io.dqgate.core.result.StageSummary;

/**
 * A completed stage as the diagnostics see it: the summary that goes into the run, plus the totals the
 * explanations need.
 *
 * @param summary the stage's summary ({@code dataset} not yet set)
 * @param totalRunTimeMillis executor run time of all its tasks
 * @param shuffleReadRecords records read from shuffle by all its tasks
 * @param inputRecords records read from input by all its tasks
 * @param outputRecords records written by all its tasks
 */
record StageStats(
    StageSummary summary, long totalRunTimeMillis, long shuffleReadRecords, long inputRecords, long outputRecords) {

  /** True when the stage wrote output (files of a write). */
  boolean wrote() {
    return summary.outputBytes() > 0 || summary.outputFiles() > 0 || outputRecords > 0;
  }

  StageStats withOutputFiles(long files, long bytes) {
    StageSummary s = summary;
    return new StageStats(
        new StageSummary(s.stageId(), s.attempt(), s.name(), s.executionId(), s.dataset(), s.tasks(), s.emptyTasks(),
            s.shuffleReadBytes(), s.runTimeMillis(), s.inputBytes(), s.shuffleReadTotalBytes(), s.spillDiskBytes(),
            s.spillMemoryBytes(), s.gcTimeMillis(), files, bytes),
        totalRunTimeMillis, shuffleReadRecords, inputRecords, outputRecords);
  }

  static StageSummary withDataset(StageSummary s, io.dqgate.rules.DatasetId dataset) {
    return new StageSummary(s.stageId(), s.attempt(), s.name(), s.executionId(), dataset, s.tasks(), s.emptyTasks(),
        s.shuffleReadBytes(), s.runTimeMillis(), s.inputBytes(), s.shuffleReadTotalBytes(), s.spillDiskBytes(),
        s.spillMemoryBytes(), s.gcTimeMillis(), s.outputFiles(), s.outputBytes());
  }

  /** "stage 12 (parquet at App.java:40)", how explanations name a stage. */
  String label() {
    return "stage " + summary.stageId() + (summary.attempt() > 0 ? " attempt " + summary.attempt() : "")
        + " (" + summary.name() + ")";
  }
}
