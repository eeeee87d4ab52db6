package io.dqgate.rules.check;

import static io.dqgate.rules.check.Stages.millis;
import static io.dqgate.rules.check.Stages.ratioText;
import static java.util.Objects.requireNonNullElse;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostic {@code partition_skew}: per stage with at least 2 tasks, max/median of the per-task
 * shuffle-read bytes ({@code metric: bytes}) or run time ({@code metric: time}); only stages whose
 * largest task read at least {@code minBytes} (bytes) or ran at least {@code minMillis} (time) are
 * judged, so tiny stages and shuffles that AQE coalesced into a few tasks never alarm. The worst
 * judged stage decides.
 */
public record PartitionSkew(
    RuleMeta meta, String metric, double maxRatio, long minBytes, long minMillis)
    implements Diagnostic {
  public static final String DEFAULT_METRIC = "bytes";
  public static final double DEFAULT_MAX_RATIO = 5.0;
  public static final long DEFAULT_MIN_BYTES = 64L << 20;
  public static final long DEFAULT_MIN_MILLIS = 1000;

  public static final CheckKind<PartitionSkew> KIND =
      CheckKind.diagnostic(
          "partition_skew",
          List.of("metric", "max_ratio", "min_bytes", "min_millis"),
          in -> {
            String metric = in.text("metric");
            if (metric == null) {
              metric = DEFAULT_METRIC;
            } else if (!metric.equals("bytes") && !metric.equals("time")) {
              in.problem(
                  "metric",
                  "\"metric\" must be \"bytes\" (shuffle-read bytes) or \"time\" (task run time), not "
                      + in.kindOf("metric"));
            }
            double ratio = in.positive("max_ratio", DEFAULT_MAX_RATIO);
            if (ratio < 1) {
              in.problem(
                  "max_ratio",
                  "\"max_ratio\" must be at least 1, not "
                      + Formats.number(ratio)
                      + ": it is the largest task divided by the median task");
            }
            long minBytes = requireNonNullElse(in.size("min_bytes"), DEFAULT_MIN_BYTES);
            long minMillis = requireNonNullElse(in.count("min_millis"), DEFAULT_MIN_MILLIS);
            return new PartitionSkew(in.meta(null), metric, ratio, minBytes, minMillis);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>();
    if (!metric.equals(DEFAULT_METRIC)) {
      f.add("metric: " + Check.quote(metric));
    }
    if (maxRatio != DEFAULT_MAX_RATIO) {
      f.add("max_ratio: " + Formats.number(maxRatio));
    }
    if (minBytes != DEFAULT_MIN_BYTES) {
      f.add("min_bytes: " + Formats.size(minBytes));
    }
    if (minMillis != DEFAULT_MIN_MILLIS) {
      f.add("min_millis: " + minMillis);
    }
    return f;
  }

  public StageVerdict judge(List<? extends StageView> stages, String where) {
    boolean bytes = !"time".equals(metric);
    long floor = bytes ? minBytes : minMillis;
    StageView worst = null;
    StageView biggest = null;
    for (StageView s : stages) {
      if (s.tasks() < 2 || (bytes && s.shuffleReadTotalBytes() == 0)) {
        continue;
      }
      if (biggest == null || spread(s, bytes).max() > spread(biggest, bytes).max()) {
        biggest = s;
      }
      if (spread(s, bytes).max() >= floor
          && (worst == null || spread(s, bytes).ratio() > spread(worst, bytes).ratio())) {
        worst = s;
      }
    }
    String threshold =
        "max/median ≤ "
            + Formats.number(maxRatio)
            + "× where the largest task "
            + (bytes ? "read ≥ " + Formats.bytes(floor) : "ran ≥ " + millis(floor));
    if (worst == null) {
      if (biggest == null) {
        return new StageVerdict(
            Stages.outputStage(stages),
            new Verdict(
                false,
                null,
                null,
                threshold,
                "no stage "
                    + where
                    + (bytes ? " read shuffle data in" : " ran")
                    + " several tasks: no partition skew to measure"));
      }
      StageView.Spread d = spread(biggest, bytes);
      return new StageVerdict(
          biggest,
          new Verdict(
              false,
              d.ratio(),
              (long) biggest.tasks(),
              threshold,
              "no stage "
                  + where
                  + " is big enough to judge skew: its largest task "
                  + amount(bytes, d.max())
                  + " in "
                  + biggest.label()
                  + ", below the floor of "
                  + (bytes ? Formats.bytes(floor) : millis(floor))));
    }
    StageView.Spread d = spread(worst, bytes);
    double ratio = d.ratio();
    boolean breached = ratio > maxRatio;
    long total = bytes ? worst.shuffleReadTotalBytes() : worst.totalRunTimeMillis();
    StringBuilder s =
        new StringBuilder()
            .append(worst.label())
            .append(' ')
            .append(where)
            .append(bytes ? ": the largest of its " : ": the slowest of its ")
            .append(Formats.count(worst.tasks()))
            .append(" tasks ")
            .append(amount(bytes, d.max()))
            .append(" vs a median of ")
            .append(bytes ? Formats.bytes(d.median()) : millis(d.median()))
            .append(" (")
            .append(
                d.median() == 0 ? "more than half of the tasks had none" : ratioText(ratio) + "×")
            .append("; allowed ≤ ")
            .append(Formats.number(maxRatio))
            .append("×)");
    if (breached) {
      s.append("; that one task ")
          .append(bytes ? "read " : "took ")
          .append(Formats.percent(total == 0 ? 0 : (double) d.max() / total))
          .append(" of the stage's ")
          .append(
              bytes ? Formats.bytes(total) + " of shuffle data" : millis(total) + " of task time")
          .append(". ")
          .append(bytes ? bytesHint(d) : timeHint(worst));
    }
    return new StageVerdict(
        worst, new Verdict(breached, ratio, (long) worst.tasks(), threshold, s.toString()));
  }

  private static StageView.Spread spread(StageView s, boolean bytes) {
    return bytes ? s.shuffleReadBytes() : s.runTimeMillis();
  }

  private static String bytesHint(StageView.Spread d) {
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

  private static String timeHint(StageView s) {
    StageView.Spread b = s.shuffleReadBytes();
    if (s.shuffleReadTotalBytes() > 0 && b.ratio() >= 2) {
      return "It also read "
          + ratioText(b.ratio())
          + "× the median shuffle bytes, so "
          + bytesHint(b).substring(0, 1).toLowerCase(Locale.ROOT)
          + bytesHint(b).substring(1);
    }
    return "Its input was not much larger, so its rows cost more (a UDF, explode, large collect_list values), or"
        + " it waited on GC ("
        + millis(s.gcTimeMillis())
        + " in this stage) or a slow executor:"
        + " look at the task in the Spark UI, and split or salt the expensive key if it is one key";
  }

  private static String amount(boolean bytes, long value) {
    return bytes ? "read " + Formats.bytes(value) + " of shuffle data" : "ran " + millis(value);
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
