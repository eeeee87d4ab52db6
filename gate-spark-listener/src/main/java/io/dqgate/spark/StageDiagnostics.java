package io.dqgate.spark;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.StageSummary.Distribution;
import io.dqgate.core.result.Status;
import io.dqgate.rules.Check;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.Formats;
import io.dqgate.rules.RuleMeta;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Diagnostics rules → outcomes, from the stages of one SQL execution (pure: no Spark, no state).
 *
 * <ul>
 *   <li>{@code partition_skew}: per stage with at least 2 tasks, max/median of the per-task shuffle-read
 *       bytes ({@code metric: bytes}) or run time ({@code time}); only stages whose largest task reached
 *       {@code min_bytes} / {@code min_millis} are judged, so tiny stages and shuffles that AQE coalesced
 *       into a few tasks never alarm. The worst judged stage decides.
 *   <li>{@code partitions}: {@code min}/{@code max} on the task count of the stage that wrote the dataset;
 *       {@code max_empty_fraction} on the stage with the largest share of tasks that read and wrote nothing.
 *   <li>{@code spill}: disk spill summed over the stages.
 *   <li>{@code small_files}: average size of the files written, when at least {@code min_files} were.
 * </ul>
 *
 * <p>Without a rule of a kind, the {@link #ADVISORY built-in advisory level} of that kind applies and
 * reports what it finds as INFO outcomes, which never affect the exit code.
 */
final class StageDiagnostics {
  static final SourceLocation ADVISORY_SOURCE =
      SourceLocation.unknown("dqgate built-in advisory (no rule; add a diagnostics rule to set a threshold or fail the run)");

  /** What is reported without rules: heavy skew, any disk spill, many small files. */
  static final List<Check> ADVISORY = List.of(
      new Check.PartitionSkew(advisory("advisory.partition_skew"), "bytes", 5.0, 64L << 20, 1000),
      new Check.Spill(advisory("advisory.spill"), 0),
      new Check.SmallFiles(advisory("advisory.small_files"), 8L << 20, 8));

  private StageDiagnostics() {}

  /** A stage (with its dataset set) and the outcomes about it, possibly none. */
  record Finding(StageSummary stage, List<Outcome> outcomes) {}

  private record Verdict(StageStats stage, boolean breached, Double observed, Long total, String threshold, String sentence) {}

  private static RuleMeta advisory(String id) {
    return new RuleMeta(id, Severity.WARN, null, ADVISORY_SOURCE);
  }

  /**
   * @param stages the completed stages of one execution, in stage order (not empty)
   * @param dataset the gated dataset they produced, or null
   * @param executionId their SQL execution, or null
   * @param rules the dataset's diagnostics rules
   */
  static List<Finding> evaluate(List<StageStats> stages, DatasetId dataset, Long executionId, List<Check> rules) {
    String where = dataset != null ? "writing " + dataset.primary()
        : executionId != null ? "of SQL execution " + executionId : "of a non-SQL job";
    List<List<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      outcomes.add(new ArrayList<>());
    }
    Set<String> ruled = new HashSet<>();
    for (Check rule : rules) {
      ruled.add(rule.keyword());
      Verdict v;
      try {
        v = verdict(rule, stages, where);
      } catch (RuntimeException e) {
        StageStats at = outputStage(stages);
        outcomes.get(stages.indexOf(at)).add(outcome(rule, Status.ERROR,
            new Verdict(at, false, null, null, null, "cannot evaluate " + rule.keyword() + " because " + e)));
        continue;
      }
      Status status = !v.breached() ? Status.PASS : rule.severity() == Severity.FAIL ? Status.FAIL : Status.WARN;
      outcomes.get(stages.indexOf(v.stage())).add(outcome(rule, status, v));
    }
    for (Check level : ADVISORY) {
      if (!ruled.contains(level.keyword())) {
        Verdict v = verdict(level, stages, where);
        if (v.breached()) {
          outcomes.get(stages.indexOf(v.stage())).add(outcome(level, Status.INFO, v));
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      findings.add(new Finding(StageStats.withDataset(stages.get(i).summary(), dataset), List.copyOf(outcomes.get(i))));
    }
    return findings;
  }

  private static Verdict verdict(Check check, List<StageStats> stages, String where) {
    if (check instanceof Check.PartitionSkew c) {
      return skew(c, stages, where);
    }
    if (check instanceof Check.Partitions c) {
      return partitions(c, stages, where);
    }
    if (check instanceof Check.Spill c) {
      return spill(c, stages, where);
    }
    if (check instanceof Check.SmallFiles c) {
      return smallFiles(c, stages, where);
    }
    throw new IllegalArgumentException(check.keyword() + " is not a diagnostic");
  }

  private static Verdict skew(Check.PartitionSkew c, List<StageStats> stages, String where) {
    boolean bytes = !"time".equals(c.metric());
    long floor = bytes ? c.minBytes() : c.minMillis();
    StageStats worst = null;
    StageStats biggest = null;
    for (StageStats s : stages) {
      if (s.summary().tasks() < 2 || (bytes && s.summary().shuffleReadTotalBytes() == 0)) {
        continue;
      }
      if (biggest == null || dist(s, bytes).max() > dist(biggest, bytes).max()) {
        biggest = s;
      }
      if (dist(s, bytes).max() >= floor && (worst == null || ratio(dist(s, bytes)) > ratio(dist(worst, bytes)))) {
        worst = s;
      }
    }
    String threshold = "max/median ≤ " + Formats.number(c.maxRatio()) + "× where the largest task "
        + (bytes ? "read ≥ " + Formats.bytes(floor) : "ran ≥ " + millis(floor));
    if (worst == null) {
      if (biggest == null) {
        return new Verdict(outputStage(stages), false, null, null, threshold,
            "no stage " + where + (bytes ? " read shuffle data in" : " ran") + " several tasks: no partition skew to measure");
      }
      Distribution d = dist(biggest, bytes);
      return new Verdict(biggest, false, ratio(d), (long) biggest.summary().tasks(), threshold,
          "no stage " + where + " is big enough to judge skew: its largest task " + amount(bytes, d.max())
              + " in " + biggest.label() + ", below the floor of " + (bytes ? Formats.bytes(floor) : millis(floor)));
    }
    Distribution d = dist(worst, bytes);
    double ratio = ratio(d);
    boolean breached = ratio > c.maxRatio();
    long total = bytes ? worst.summary().shuffleReadTotalBytes() : worst.totalRunTimeMillis();
    StringBuilder s = new StringBuilder()
        .append(worst.label()).append(' ').append(where).append(bytes ? ": the largest of its " : ": the slowest of its ")
        .append(Formats.count(worst.summary().tasks())).append(" tasks ").append(amount(bytes, d.max()))
        .append(" vs a median of ").append(bytes ? Formats.bytes(d.median()) : millis(d.median()))
        .append(" (").append(d.median() == 0 ? "more than half of the tasks had none" : ratioText(ratio) + "×")
        .append("; allowed ≤ ").append(Formats.number(c.maxRatio())).append("×)");
    if (breached) {
      s.append("; that one task ").append(bytes ? "read " : "took ")
          .append(Formats.percent(total == 0 ? 0 : (double) d.max() / total)).append(" of the stage's ")
          .append(bytes ? Formats.bytes(total) + " of shuffle data" : millis(total) + " of task time")
          .append(". ").append(bytes ? bytesHint(d) : timeHint(worst));
    }
    return new Verdict(worst, breached, ratio, (long) worst.summary().tasks(), threshold, s.toString());
  }

  private static String bytesHint(Distribution d) {
    if (d.median() == 0) {
      return "Most partitions are empty, so the key has few distinct values and caps the parallelism: partition"
          + " on a higher-cardinality key, or salt the hot key (append a random suffix, aggregate or join per"
          + " salted key, then combine)";
    }
    return "One key is likely hot: salt it (append a random suffix, aggregate or join per salted key, then"
        + " combine); for sort-merge joins let AQE split it (spark.sql.adaptive.enabled=true,"
        + " spark.sql.adaptive.skewJoin.enabled=true, tune spark.sql.adaptive.skewJoin.skewedPartitionFactor and"
        + " skewedPartitionThresholdInBytes); if no single key dominates, repartition on a better-spread key";
  }

  private static String timeHint(StageStats s) {
    Distribution b = s.summary().shuffleReadBytes();
    if (s.summary().shuffleReadTotalBytes() > 0 && ratio(b) >= 2) {
      return "It also read " + ratioText(ratio(b)) + "× the median shuffle bytes, so " + bytesHint(b).substring(0, 1)
          .toLowerCase(Locale.ROOT) + bytesHint(b).substring(1);
    }
    return "Its input was not much larger, so its rows cost more (a UDF, explode, large collect_list values), or"
        + " it waited on GC (" + millis(s.summary().gcTimeMillis()) + " in this stage) or a slow executor:"
        + " look at the task in the Spark UI, and split or salt the expensive key if it is one key";
  }

  private static Verdict partitions(Check.Partitions c, List<StageStats> stages, String where) {
    StageStats out = outputStage(stages);
    int tasks = out.summary().tasks();
    List<String> problems = new ArrayList<>();
    if (c.min() != null && tasks < c.min()) {
      problems.add("expected at least " + Formats.count(c.min()) + ": raise the parallelism with repartition(n)"
          + " before the write or spark.sql.shuffle.partitions");
    }
    if (c.max() != null && tasks > c.max()) {
      problems.add("expected at most " + Formats.count(c.max()) + ": coalesce(n) before the write, or let AQE"
          + " coalesce shuffle partitions (spark.sql.adaptive.coalescePartitions.enabled)");
    }
    StageStats emptiest = null;
    for (StageStats s : stages) {
      if (s.summary().tasks() >= 2 && (emptiest == null || emptyFraction(s) > emptyFraction(emptiest))) {
        emptiest = s;
      }
    }
    boolean tooEmpty = c.maxEmptyFraction() != null && emptiest != null && emptyFraction(emptiest) > c.maxEmptyFraction();
    String threshold = (c.min() == null && c.max() == null ? ""
        : "[" + (c.min() == null ? "1" : c.min()) + ", " + (c.max() == null ? "+∞" : c.max()) + "] tasks")
        + (c.maxEmptyFraction() == null ? "" : (c.min() == null && c.max() == null ? "" : ", ")
            + "≤ " + Formats.percent(c.maxEmptyFraction()) + " empty tasks");
    StringBuilder s = new StringBuilder(out.label()).append(' ').append(where).append(" ran ")
        .append(Formats.count(tasks)).append(tasks == 1 ? " task" : " tasks");
    if (!problems.isEmpty()) {
      s.append("; ").append(String.join("; ", problems));
    }
    if (c.maxEmptyFraction() != null && emptiest != null) {
      s.append(tooEmpty ? "; in " + emptiest.label() + ", " : "; at most ")
          .append(Formats.count(emptiest.summary().emptyTasks())).append(" of ")
          .append(Formats.count(emptiest.summary().tasks())).append(" tasks (")
          .append(Formats.percent(emptyFraction(emptiest))).append(") read and wrote nothing")
          .append(tooEmpty ? "; allowed ≤ " + Formats.percent(c.maxEmptyFraction()) + ": lower"
              + " spark.sql.shuffle.partitions or let AQE coalesce partitions" : "");
    }
    StageStats at = problems.isEmpty() && tooEmpty ? emptiest : out;
    return new Verdict(at, !problems.isEmpty() || tooEmpty, (double) tasks, null, threshold, s.toString());
  }

  private static Verdict spill(Check.Spill c, List<StageStats> stages, String where) {
    long total = 0;
    StageStats worst = stages.get(0);
    for (StageStats s : stages) {
      total += s.summary().spillDiskBytes();
      if (s.summary().spillDiskBytes() > worst.summary().spillDiskBytes()) {
        worst = s;
      }
    }
    boolean breached = total > c.maxBytes();
    StringBuilder s = new StringBuilder("the stages ").append(where).append(" spilled ")
        .append(Formats.bytes(total)).append(" to disk");
    if (total > 0) {
      s.append(", most in ").append(worst.label()).append(": ").append(Formats.bytes(worst.summary().spillDiskBytes()))
          .append(" (").append(Formats.bytes(worst.summary().spillMemoryBytes())).append(" in memory before spilling; GC ")
          .append(millis(worst.summary().gcTimeMillis())).append(')');
    }
    s.append("; allowed ≤ ").append(Formats.bytes(c.maxBytes()));
    if (breached) {
      s.append(". Give each task more memory (spark.executor.memory, spark.memory.fraction, fewer"
          + " spark.executor.cores) or spread the work over more, smaller partitions (spark.sql.shuffle.partitions,"
          + " repartition)");
    }
    return new Verdict(total > 0 ? worst : outputStage(stages), breached, (double) total, null,
        "≤ " + Formats.bytes(c.maxBytes()) + " spilled to disk", s.toString());
  }

  private static Verdict smallFiles(Check.SmallFiles c, List<StageStats> stages, String where) {
    StageStats out = outputStage(stages);
    String threshold = "average file ≥ " + Formats.bytes(c.minAvgBytes()) + " when ≥ " + c.minFiles() + " files";
    long files = out.summary().outputFiles();
    long bytes = out.summary().outputBytes();
    if (!out.wrote() || files == 0) {
      return new Verdict(out, false, null, 0L, threshold, "the stages " + where + " wrote no files");
    }
    long avg = bytes / files;
    String written = out.label() + ' ' + where + " wrote " + Formats.count(files) + (files == 1 ? " file" : " files")
        + " of " + Formats.bytes(avg) + " on average (" + Formats.bytes(bytes) + " in total)";
    if (files < c.minFiles()) {
      return new Verdict(out, false, (double) avg, files, threshold,
          written + "; small_files applies from " + c.minFiles() + " files");
    }
    boolean breached = avg < c.minAvgBytes();
    return new Verdict(out, breached, (double) avg, files, threshold,
        written + "; expected ≥ " + Formats.bytes(c.minAvgBytes()) + " on average"
            + (breached ? ": write fewer, larger files with coalesce(n) before the write (repartition by the"
                + " partition columns for a partitioned write), or with AQE raise"
                + " spark.sql.adaptive.advisoryPartitionSizeInBytes" : ""));
  }

  /** The last stage that wrote output, else the last stage. */
  static StageStats outputStage(List<StageStats> stages) {
    for (int i = stages.size() - 1; i >= 0; i--) {
      if (stages.get(i).wrote()) {
        return stages.get(i);
      }
    }
    return stages.get(stages.size() - 1);
  }

  private static Outcome outcome(Check c, Status status, Verdict v) {
    return io.dqgate.core.result.Outcomes.of(c, status, v.observed(), v.total(), v.threshold(), v.sentence(), false);
  }

  private static Distribution dist(StageStats s, boolean bytes) {
    return bytes ? s.summary().shuffleReadBytes() : s.summary().runTimeMillis();
  }

  /** max/median, finite (a median of 0 counts as 1) so reports can always encode it. */
  static double ratio(Distribution d) {
    return d.max() == 0 ? 1.0 : (double) d.max() / Math.max(1, d.median());
  }

  private static double emptyFraction(StageStats s) {
    return s.summary().tasks() == 0 ? 0 : (double) s.summary().emptyTasks() / s.summary().tasks();
  }

  private static String amount(boolean bytes, long value) {
    return bytes ? "read " + Formats.bytes(value) + " of shuffle data" : "ran " + millis(value);
  }

  private static String ratioText(double ratio) {
    return ratio >= 10 ? Formats.count(Math.round(ratio)) : Formats.number(Math.round(ratio * 10) / 10.0);
  }

  static String millis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return Formats.number(Math.round(ms / 100.0) / 10.0) + " s";
    }
    return Formats.number(Math.round(ms / 6000.0) / 10.0) + " min";
  }
}
