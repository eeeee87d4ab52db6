package io.dqgate.rules.check;

/**
 * A completed Spark stage as diagnostics see it (implemented by the listener's stage statistics).
 */
public interface StageView {

  /** Median and largest of a per-task metric. */
  record Spread(long median, long max) {
    /** max/median, finite (a median of 0 counts as 1) so reports can always encode it. */
    public double ratio() {
      return max == 0 ? 1.0 : (double) max / Math.max(1, median);
    }
  }

  /** "stage 12 (parquet at App.java:40)", how explanations name a stage. */
  String label();

  /** True when the stage wrote output (files of a write). */
  boolean wrote();

  int tasks();

  /** Tasks that read and wrote no records. */
  int emptyTasks();

  Spread shuffleReadBytes();

  Spread runTimeMillis();

  long shuffleReadTotalBytes();

  long totalRunTimeMillis();

  long spillDiskBytes();

  long spillMemoryBytes();

  long gcTimeMillis();

  long outputFiles();

  long outputBytes();
}
