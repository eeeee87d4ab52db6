package io.dqgate.rules.check;

import static java.util.Objects.requireNonNullElse;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostic {@code small_files}: the average output file size of a write must be at least {@code
 * minAvgBytes}; judged only when the write produced at least {@code minFiles} files.
 */
public record SmallFiles(RuleMeta meta, long minAvgBytes, int minFiles) implements Diagnostic {
  public static final long DEFAULT_MIN_AVG_BYTES = 32L << 20;
  public static final int DEFAULT_MIN_FILES = 2;

  public static final CheckKind<SmallFiles> KIND =
      CheckKind.diagnostic(
          "small_files",
          List.of("min_avg_bytes", "min_files"),
          in -> {
            long minAvg = requireNonNullElse(in.size("min_avg_bytes"), DEFAULT_MIN_AVG_BYTES);
            int minFiles = requireNonNullElse(in.intCount("min_files"), DEFAULT_MIN_FILES);
            return new SmallFiles(in.meta(null), minAvg, minFiles);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>();
    if (minAvgBytes != DEFAULT_MIN_AVG_BYTES) {
      f.add("min_avg_bytes: " + Formats.size(minAvgBytes));
    }
    if (minFiles != DEFAULT_MIN_FILES) {
      f.add("min_files: " + minFiles);
    }
    return f;
  }

  public StageVerdict judge(List<? extends StageView> stages, String where) {
    StageView out = Stages.outputStage(stages);
    String threshold =
        "average file ≥ " + Formats.bytes(minAvgBytes) + " when ≥ " + minFiles + " files";
    long files = out.outputFiles();
    long bytes = out.outputBytes();
    if (!out.wrote() || files == 0) {
      return new StageVerdict(
          out, new Verdict(false, null, 0L, threshold, "the stages " + where + " wrote no files"));
    }
    long avg = bytes / files;
    String written =
        out.label()
            + ' '
            + where
            + " wrote "
            + Formats.count(files)
            + (files == 1 ? " file" : " files")
            + " of "
            + Formats.bytes(avg)
            + " on average ("
            + Formats.bytes(bytes)
            + " in total)";
    if (files < minFiles) {
      return new StageVerdict(
          out,
          new Verdict(
              false,
              (double) avg,
              files,
              threshold,
              written + "; small_files applies from " + minFiles + " files"));
    }
    boolean breached = avg < minAvgBytes;
    return new StageVerdict(
        out,
        new Verdict(
            breached,
            (double) avg,
            files,
            threshold,
            written
                + "; expected ≥ "
                + Formats.bytes(minAvgBytes)
                + " on average"
                + (breached
                    ? ": write fewer, larger files with coalesce(n) before the write (repartition by the"
                        + " partition columns for a partitioned write), or with AQE raise"
                        + " spark.sql.adaptive.advisoryPartitionSizeInBytes"
                    : "")));
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
