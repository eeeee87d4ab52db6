package io.dqgate.reports;

import io.dqgate.core.result.StageSummary;
import io.dqgate.reports.HtmlView.StageChart;
import io.dqgate.reports.HtmlView.StageRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Spark stages part of report.html's view model: the stage table and the skew charts. */
final class StageViews {
  /** A distribution whose max is at least this many times its median is drawn as skewed. */
  static final double SKEW_RATIO = 5.0;

  /** At most this many per-stage skew charts; every stage is still in the stage table. */
  static final int MAX_SKEW_CHARTS = 12;

  private StageViews() {}

  /** A stage worth a chart: more than one task, with a time or shuffle distribution. */
  static boolean chartable(StageSummary s) {
    return s.tasks() > 1 && (s.runTimeMillis() != null || s.shuffleReadBytes() != null);
  }

  /** The sentence under the charts when some chartable stages were left out; null when none was. */
  static String chartsNote(List<StageSummary> stages, List<StageChart> charts) {
    int chartable = (int) stages.stream().filter(StageViews::chartable).count();
    return chartable > charts.size()
        ? "Showing the "
            + charts.size()
            + " most skewed of "
            + chartable
            + " stages; all stages are in the table below."
        : null;
  }

  private static double skew(StageSummary s) {
    double r = 0;
    if (s.shuffleReadBytes() != null && s.shuffleReadBytes().max() > 0) {
      r = Math.max(r, s.shuffleReadBytes().maxOverMedian());
    }
    if (s.runTimeMillis() != null && s.runTimeMillis().max() > 0) {
      r = Math.max(r, s.runTimeMillis().maxOverMedian());
    }
    return r;
  }

  /** The most skewed stages (at most {@link #MAX_SKEW_CHARTS}), in stage order. */
  static List<StageChart> skewCharts(List<StageSummary> stages) {
    List<StageSummary> picked =
        stages.stream()
            .filter(StageViews::chartable)
            .sorted(Comparator.comparingDouble(StageViews::skew).reversed())
            .limit(MAX_SKEW_CHARTS)
            .sorted(
                Comparator.comparingInt(StageSummary::stageId)
                    .thenComparingInt(StageSummary::attempt))
            .toList();
    List<StageChart> out = new ArrayList<>();
    for (StageSummary s : picked) {
      List<Svgs.BarChart> charts = new ArrayList<>();
      if (s.shuffleReadBytes() != null && s.shuffleReadBytes().max() > 0) {
        charts.add(Svgs.barChart("Shuffle read per task", s.shuffleReadBytes(), true, SKEW_RATIO));
      }
      if (s.runTimeMillis() != null) {
        charts.add(Svgs.barChart("Run time per task", s.runTimeMillis(), false, SKEW_RATIO));
      }
      out.add(
          new StageChart(
              stageLabel(s),
              Fmt.orDash(s.name()),
              s.dataset() == null ? null : s.dataset().label(),
              Fmt.count(s.tasks())
                  + " tasks"
                  + (s.emptyTasks() > 0 ? " (" + s.emptyTasks() + " empty)" : ""),
              skew(s) >= SKEW_RATIO,
              skewNote(s),
              charts));
    }
    return out;
  }

  /** What the skew means, in one sentence, for a skewed stage; null otherwise. */
  private static String skewNote(StageSummary s) {
    String shuffle =
        skewNote(
            s.shuffleReadBytes(),
            Fmt::bytes,
            "The largest task read %s of shuffle,",
            ": one partition holds most of the data (a hot join or grouping key), and the stage waits for it.");
    return shuffle != null
        ? shuffle
        : skewNote(
            s.runTimeMillis(),
            Fmt::millis,
            "The slowest task ran %s,",
            ": the stage waits for a straggler.");
  }

  /**
   * "{lead with the largest}, {ratio} the median task's {median}{meaning}" when {@code d} is
   * skewed.
   */
  private static String skewNote(
      StageSummary.Distribution d,
      java.util.function.LongFunction<String> format,
      String lead,
      String meaning) {
    if (d == null || d.max() == 0 || d.maxOverMedian() < SKEW_RATIO) {
      return null;
    }
    return String.format(lead, format.apply(d.max()))
        + " "
        + Fmt.ratio(d.maxOverMedian())
        + " the median task's "
        + format.apply(d.median())
        + meaning;
  }

  static StageRow stageRow(StageSummary s) {
    StageSummary.Distribution sh = s.shuffleReadBytes();
    StageSummary.Distribution rt = s.runTimeMillis();
    boolean hasShuffle = sh != null && sh.max() > 0;
    return new StageRow(
        stageLabel(s),
        Fmt.orDash(s.name()),
        s.dataset() == null ? null : s.dataset().label(),
        Fmt.count(s.tasks()) + (s.emptyTasks() > 0 ? " (" + s.emptyTasks() + " empty)" : ""),
        s.inputBytes() > 0 ? Fmt.bytes(s.inputBytes()) : "—",
        s.shuffleReadTotalBytes() > 0 ? Fmt.bytes(s.shuffleReadTotalBytes()) : "—",
        hasShuffle ? Fmt.ratio(sh.maxOverMedian()) : null,
        hasShuffle && sh.maxOverMedian() >= SKEW_RATIO,
        rt == null ? "—" : Fmt.millis(rt.median()) + " / " + Fmt.millis(rt.max()),
        rt == null || rt.max() == 0 ? null : Fmt.ratio(rt.maxOverMedian()),
        rt != null && rt.max() > 0 && rt.maxOverMedian() >= SKEW_RATIO,
        s.spillDiskBytes() > 0 ? Fmt.bytes(s.spillDiskBytes()) : "—",
        s.gcTimeMillis() > 0 ? Fmt.millis(s.gcTimeMillis()) : "—",
        s.outputFiles() > 0
            ? Fmt.count(s.outputFiles()) + " files · " + Fmt.bytes(s.outputBytes())
            : "—");
  }

  private static String stageLabel(StageSummary s) {
    return s.stageId() + (s.attempt() > 0 ? "." + s.attempt() : "");
  }
}
