package io.dqgate.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external URL) rendered with
 * mustache.java from {@code report.html.mustache}. Every value goes through mustache's HTML escaping
 * ({@code {{x}}}); the template never uses unescaped tags. The view model below holds only strings,
 * numbers and booleans already formatted for people, so the template has no logic beyond sections.
 */
final class HtmlReport {
  static final String TEMPLATE = "report.html.mustache";

  /** A distribution whose max is at least this many times its median is drawn as skewed. */
  static final double SKEW_RATIO = 5.0;

  /** At most this many per-stage skew charts; every stage is still in the stage table. */
  static final int MAX_SKEW_CHARTS = 12;

  private static final Mustache MUSTACHE = compile();

  private HtmlReport() {}

  /**
   * Reads the template through this class's own loader: under Spark the thread context class loader of a
   * listener thread need not see the gate jar, and mustache's default resolver may consult it.
   */
  private static Mustache compile() {
    InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE);
    if (in == null) {
      throw new IllegalStateException(
          "Cannot render report.html because the template io/dqgate/reports/" + TEMPLATE + " is not in the jar");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new DefaultMustacheFactory().compile(reader, TEMPLATE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the report.html template " + TEMPLATE, e);
    }
  }

  static String render(GateRun run) {
    StringWriter out = new StringWriter();
    MUSTACHE.execute(out, page(run));
    return out.toString();
  }

  // ------------------------------------------------------------------ view model

  record Page(
      String title,
      Banner banner,
      List<Finding> findings,
      List<PipelineRow> pipeline,
      Svgs.Graph lineage,
      List<DatasetView> datasets,
      List<StageChart> skewCharts,
      String skewNote,
      List<StageRow> stages,
      List<OutcomeRow> stageOutcomes,
      List<String> warnings,
      String schemaVersion,
      String runId,
      String dqgateVersion,
      String skewThreshold) {
    // Computed here rather than as {{list.size}} in the template: mustache.java would call size() by
    // reflection on JDK-internal list classes, which Java 17 forbids.
    public String findingCount() {
      return Integer.toString(findings.size());
    }

    public String datasetCount() {
      return datasets.size() == 1 ? "1 dataset" : datasets.size() + " datasets";
    }

    public boolean hasPipeline() {
      return !pipeline.isEmpty();
    }

    public boolean hasStages() {
      return !stages.isEmpty();
    }

    public boolean hasStageOutcomes() {
      return !stageOutcomes.isEmpty();
    }

    public boolean hasSkewCharts() {
      return !skewCharts.isEmpty();
    }

    public String warningCount() {
      return Integer.toString(warnings.size());
    }
  }

  record Banner(
      String verdict,
      String cls,
      String headline,
      String modeNote,
      String mode,
      String exitCode,
      String appName,
      String appId,
      String startedAt,
      String endedAt,
      String duration,
      String sparkVersion,
      String dqgateVersion,
      List<String> ruleFiles,
      List<Chip> chips,
      String datasetSummary) {}

  record Chip(String label, String count, String cls, boolean zero) {}

  record Finding(
      String status,
      String cls,
      String ruleId,
      String where,
      String anchor,
      String column,
      String check,
      String explanation,
      String observed,
      String threshold,
      String source,
      String rule) {}

  record PipelineRow(
      int index,
      String anchor,
      String name,
      String ref,
      String action,
      String rows,
      String pass,
      String warn,
      String fail,
      String error,
      String status,
      String cls,
      String published,
      String publishedCls,
      String sparkJobs,
      String stages) {}

  record DatasetView(
      String anchor,
      int index,
      String name,
      String ref,
      String action,
      String rows,
      String status,
      String cls,
      boolean open,
      String published,
      String publishedCls,
      String inputs,
      List<OutcomeRow> outcomes,
      List<ColumnRow> columns) {
    public boolean hasOutcomes() {
      return !outcomes.isEmpty();
    }

    public boolean hasColumns() {
      return !columns.isEmpty();
    }
  }

  record OutcomeRow(
      String status,
      String cls,
      String ruleId,
      String check,
      String column,
      String observed,
      String threshold,
      String explanation,
      String source,
      String rule,
      boolean extraPass) {}

  record ColumnRow(
      String name,
      String type,
      String nullPct,
      String nullCls,
      Svgs.Meter nullBar,
      String distinct,
      String min,
      String max,
      String quartiles,
      Svgs.BoxPlot box) {}

  record StageChart(
      String stageId,
      String name,
      String dataset,
      String tasks,
      boolean skewed,
      String note,
      List<Svgs.BarChart> charts) {
    public boolean wide() {
      return charts.size() > 1;
    }
  }

  record StageRow(
      String stageId,
      String name,
      String dataset,
      String tasks,
      String input,
      String shuffle,
      String shuffleRatio,
      boolean shuffleSkewed,
      String runTime,
      String timeRatio,
      boolean timeSkewed,
      String spill,
      String gc,
      String output) {}

  // ------------------------------------------------------------------ building it

  static Page page(GateRun run) {
    List<Lineage.Entry> lineage = Lineage.of(run);
    List<Finding> findings = findings(run);
    List<PipelineRow> pipeline = new ArrayList<>();
    List<DatasetView> datasets = new ArrayList<>();
    for (Lineage.Entry e : lineage) {
      pipeline.add(pipelineRow(e));
      datasets.add(datasetView(e, run));
    }
    List<StageChart> charts = skewCharts(run.stages());
    int chartable = (int) run.stages().stream().filter(HtmlReport::chartable).count();
    String skewNote =
        chartable > charts.size()
            ? "Showing the " + charts.size() + " most skewed of " + chartable
                + " stages; all stages are in the table below."
            : null;
    List<OutcomeRow> stageOutcomes = new ArrayList<>();
    sortedWorstFirst(run.stageOutcomes()).forEach(o -> stageOutcomes.add(outcomeRow(o)));
    Status verdict = run.verdict();
    return new Page(
        verdict.name() + " · " + Fmt.orDash(run.appName()) + " · dqgate report",
        banner(run, verdict),
        findings,
        pipeline,
        Svgs.lineage(run, lineage),
        datasets,
        charts,
        skewNote,
        run.stages().stream().map(HtmlReport::stageRow).toList(),
        stageOutcomes,
        run.warnings(),
        GateRun.SCHEMA_VERSION,
        Fmt.orDash(run.runId()),
        Fmt.orDash(run.dqgateVersion()),
        Fmt.ratio(SKEW_RATIO));
  }

  private static Banner banner(GateRun run, Status verdict) {
    long fail = run.count(Status.FAIL);
    long error = run.count(Status.ERROR);
    long warn = run.count(Status.WARN);
    long pass = run.count(Status.PASS);
    long info = run.count(Status.INFO);
    long rules = fail + error + warn + pass + info;
    boolean enforce = "enforce".equalsIgnoreCase(run.mode());
    long blocked = run.datasets().stream().filter(d -> !d.published()).count();
    int n = run.datasets().size();
    String headline =
        switch (verdict) {
          case FAIL -> plural(fail, "rule") + " failed"
              + (enforce
                  ? blocked > 0 ? " · " + plural(blocked, "dataset") + " blocked" : ""
                  : " · nothing was blocked (" + Fmt.orDash(run.mode()) + " mode)");
          case ERROR -> plural(error, "rule") + " could not be computed";
          case WARN -> "Passed with " + plural(warn, "warning");
          case PASS, INFO -> "All " + plural(rules - info, "rule") + " passed";
        };
    String modeNote =
        enforce
            ? "enforce: a failing dataset is not published and the job exits non-zero"
            : "observe".equalsIgnoreCase(run.mode())
                ? "observe: verdicts are recorded, nothing is blocked"
                : Fmt.orDash(run.mode());
    List<Chip> chips =
        List.of(
            chip("fail", fail, "fail"),
            chip("error", error, "error"),
            chip("warn", warn, "warn"),
            chip("pass", pass, "pass"),
            chip("info", info, "info"));
    String datasetSummary =
        plural(n, "dataset") + " checked"
            + (blocked > 0 ? " · " + blocked + " not published" : "")
            + " · " + plural(run.stages().size(), "Spark stage") + " measured";
    return new Banner(
        verdict.name(),
        cls(verdict),
        headline,
        modeNote,
        Fmt.orDash(run.mode()),
        Integer.toString(run.exitCode()),
        Fmt.orDash(run.appName()),
        Fmt.orDash(run.appId()),
        Fmt.time(run.startedAt()),
        Fmt.time(run.endedAt()),
        Fmt.duration(run.startedAt(), run.endedAt()),
        Fmt.orDash(run.sparkVersion()),
        Fmt.orDash(run.dqgateVersion()),
        run.ruleFiles(),
        chips,
        datasetSummary);
  }

  private static Chip chip(String label, long count, String cls) {
    return new Chip(label, Fmt.count(count), cls, count == 0);
  }

  /** FAIL, then ERROR, then WARN outcomes, each in pipeline order, stage diagnostics last. */
  private static List<Finding> findings(GateRun run) {
    List<Finding> out = new ArrayList<>();
    for (Status s : List.of(Status.FAIL, Status.ERROR, Status.WARN)) {
      for (int i = 0; i < run.datasets().size(); i++) {
        DatasetResult d = run.datasets().get(i);
        for (Outcome o : d.outcomes()) {
          if (o.status() == s) {
            out.add(finding(o, Fmt.orDash(d.name()) + (d.id() == null ? "" : " · " + d.id().names()), "ds-" + (i + 1)));
          }
        }
      }
      for (Outcome o : run.stageOutcomes()) {
        if (o.status() == s) {
          out.add(finding(o, "Spark stages", "stages"));
        }
      }
    }
    return out;
  }

  private static Finding finding(Outcome o, String where, String anchor) {
    return new Finding(
        statusName(o.status()),
        cls(o.status()),
        Fmt.orDash(o.ruleId()),
        where,
        anchor,
        o.column(),
        o.check(),
        o.explanation(),
        observed(o),
        o.threshold(),
        o.source() == null ? null : o.source().fileAndLine(),
        o.rule());
  }

  private static PipelineRow pipelineRow(Lineage.Entry e) {
    DatasetResult d = e.dataset();
    Status s = d.status();
    return new PipelineRow(
        e.index() + 1,
        "ds-" + (e.index() + 1),
        Fmt.orDash(d.name()),
        d.id() == null ? "" : d.id().names(),
        Fmt.orDash(d.action()),
        Fmt.count(d.rowCount()),
        zeroDash(d.count(Status.PASS)),
        zeroDash(d.count(Status.WARN)),
        zeroDash(d.count(Status.FAIL)),
        zeroDash(d.count(Status.ERROR)),
        s.name(),
        cls(s),
        d.published() ? "published" : "blocked",
        d.published() ? "published" : "blocked",
        Integer.toString(d.sparkJobs()),
        e.stageIds().isEmpty()
            ? "—"
            : String.join(", ", e.stageIds().stream().map(String::valueOf).toList()));
  }

  private static DatasetView datasetView(Lineage.Entry e, GateRun run) {
    DatasetResult d = e.dataset();
    Status s = d.status();
    List<OutcomeRow> outcomes = sortedWorstFirst(d.outcomes()).stream().map(HtmlReport::outcomeRow).toList();
    List<ColumnRow> columns = d.columns().stream().map(c -> columnRow(c, d.rowCount())).toList();
    List<String> inputs = new ArrayList<>();
    for (Lineage.Input in : e.inputs()) {
      inputs.add(in.external() ? in.name() : run.datasets().get(in.datasetIndex()).name() + " (gated)");
    }
    return new DatasetView(
        "ds-" + (e.index() + 1),
        e.index() + 1,
        Fmt.orDash(d.name()),
        d.id() == null ? "" : d.id().names(),
        Fmt.orDash(d.action()),
        Fmt.count(d.rowCount()),
        s.name(),
        cls(s),
        s != Status.PASS && s != Status.INFO || !d.published(),
        d.published() ? "published" : "blocked",
        d.published() ? "published" : "blocked",
        inputs.isEmpty() ? "—" : String.join(", ", inputs),
        outcomes,
        columns);
  }

  private static OutcomeRow outcomeRow(Outcome o) {
    return new OutcomeRow(
        statusName(o.status()),
        cls(o.status()),
        Fmt.orDash(o.ruleId()),
        Fmt.orDash(o.check()),
        o.column(),
        observed(o),
        Fmt.orDash(o.threshold()),
        o.explanation(),
        o.source() == null ? null : o.source().fileAndLine(),
        o.rule(),
        o.extraPass());
  }

  private static ColumnRow columnRow(ColumnProfile c, Long rowCount) {
    String nullPct = "—";
    String nullCls = "";
    Svgs.Meter bar = null;
    if (c.nullCount() != null && rowCount != null && rowCount > 0) {
      double f = Math.min(1.0, (double) c.nullCount() / rowCount);
      nullPct = Fmt.percent(f);
      nullCls = f == 0 ? "zero" : f >= 0.05 ? "high" : "some";
      bar = Svgs.meter(f);
    } else if (c.nullCount() != null) {
      nullPct = Fmt.count(c.nullCount());
    }
    String quartiles = null;
    if (c.quantiles() != null && !c.quantiles().isEmpty()) {
      quartiles =
          Fmt.number(c.quantiles().get("0.25")) + " · " + Fmt.number(c.quantiles().get("0.5")) + " · "
              + Fmt.number(c.quantiles().get("0.75"));
    }
    return new ColumnRow(
        Fmt.orDash(c.name()),
        Fmt.orDash(c.type()),
        nullPct,
        nullCls,
        bar,
        Fmt.count(c.distinctCount()),
        Fmt.orDash(c.min()),
        Fmt.orDash(c.max()),
        quartiles,
        Svgs.boxPlot(c));
  }

  static boolean chartable(StageSummary s) {
    return s.tasks() > 1 && (s.runTimeMillis() != null || s.shuffleReadBytes() != null);
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
  private static List<StageChart> skewCharts(List<StageSummary> stages) {
    List<StageSummary> picked =
        stages.stream()
            .filter(HtmlReport::chartable)
            .sorted(Comparator.comparingDouble(HtmlReport::skew).reversed())
            .limit(MAX_SKEW_CHARTS)
            .sorted(Comparator.comparingInt(StageSummary::stageId).thenComparingInt(StageSummary::attempt))
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
              Fmt.count(s.tasks()) + " tasks" + (s.emptyTasks() > 0 ? " (" + s.emptyTasks() + " empty)" : ""),
              skew(s) >= SKEW_RATIO,
              skewNote(s),
              charts));
    }
    return out;
  }

  /** What the skew means, in one sentence, for a skewed stage; null otherwise. */
  private static String skewNote(StageSummary s) {
    StageSummary.Distribution sh = s.shuffleReadBytes();
    StageSummary.Distribution rt = s.runTimeMillis();
    if (sh != null && sh.max() > 0 && sh.maxOverMedian() >= SKEW_RATIO) {
      return "The largest task read " + Fmt.bytes(sh.max()) + " of shuffle, " + Fmt.ratio(sh.maxOverMedian())
          + " the median task's " + Fmt.bytes(sh.median())
          + ": one partition holds most of the data (a hot join or grouping key), and the stage waits for it.";
    }
    if (rt != null && rt.max() > 0 && rt.maxOverMedian() >= SKEW_RATIO) {
      return "The slowest task ran " + Fmt.millis(rt.max()) + ", " + Fmt.ratio(rt.maxOverMedian())
          + " the median task's " + Fmt.millis(rt.median()) + ": the stage waits for a straggler.";
    }
    return null;
  }

  private static StageRow stageRow(StageSummary s) {
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

  // ------------------------------------------------------------------ small helpers

  private static String stageLabel(StageSummary s) {
    return s.stageId() + (s.attempt() > 0 ? "." + s.attempt() : "");
  }

  static String cls(Status s) {
    return s == null ? "error" : s.name().toLowerCase(Locale.ROOT);
  }

  private static String statusName(Status s) {
    return s == null ? "ERROR" : s.name();
  }

  private static List<Outcome> sortedWorstFirst(List<Outcome> outcomes) {
    return outcomes.stream()
        .sorted(Comparator.comparingInt((Outcome o) -> o.status() == null ? Status.ERROR.ordinal() : o.status().ordinal())
            .reversed())
        .toList();
  }

  /** {@code 312 of 982,114 (0.032%)} for row counts, the bare value otherwise. */
  static String observed(Outcome o) {
    Double v = o.observed();
    if (v == null) {
      return "—";
    }
    Long total = o.total();
    if (total != null && total > 0 && v >= 0 && v <= total && v == Math.rint(v)) {
      return Fmt.number(v) + " of " + Fmt.count(total) + " (" + Fmt.percent(v / total) + ")";
    }
    return Fmt.number(v) + (total != null ? " of " + Fmt.count(total) : "");
  }

  private static String zeroDash(long n) {
    return n == 0 ? "·" : Long.toString(n);
  }

  private static String plural(long n, String noun) {
    return Fmt.count(n) + " " + noun + (n == 1 ? "" : "s");
  }
}
