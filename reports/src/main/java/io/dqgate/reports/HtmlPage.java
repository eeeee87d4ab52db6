package io.dqgate.reports;

import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.reports.HtmlView.Banner;
import io.dqgate.reports.HtmlView.Chip;
import io.dqgate.reports.HtmlView.ColumnRow;
import io.dqgate.reports.HtmlView.DatasetView;
import io.dqgate.reports.HtmlView.Finding;
import io.dqgate.reports.HtmlView.OutcomeRow;
import io.dqgate.reports.HtmlView.Page;
import io.dqgate.reports.HtmlView.PipelineRow;
import io.dqgate.reports.HtmlView.StageChart;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds report.html's view model from a run: the banner, the findings, the pipeline table and one
 * view per dataset; the stage part comes from {@link StageViews}, the lineage graph from {@link
 * Svgs}. Pure: it reads the run and nothing else.
 */
final class HtmlPage {
  private HtmlPage() {}

  static Page of(GateRun run) {
    List<Lineage.Entry> lineage = Lineage.of(run);
    List<Finding> findings = findings(run);
    List<PipelineRow> pipeline = new ArrayList<>();
    List<DatasetView> datasets = new ArrayList<>();
    for (Lineage.Entry e : lineage) {
      pipeline.add(pipelineRow(e));
      datasets.add(datasetView(e, run));
    }
    List<StageChart> charts = StageViews.skewCharts(run.stages());
    List<OutcomeRow> stageOutcomes = new ArrayList<>();
    StatusStyle.worstFirst(run.stageOutcomes()).forEach(o -> stageOutcomes.add(outcomeRow(o)));
    Status verdict = run.verdict();
    return new Page(
        verdict.name() + " · " + Fmt.orDash(run.appName()) + " · dqgate report",
        banner(run, verdict),
        findings,
        pipeline,
        Svgs.lineage(run, lineage),
        datasets,
        charts,
        StageViews.chartsNote(run.stages(), charts),
        run.stages().stream().map(StageViews::stageRow).toList(),
        stageOutcomes,
        run.warnings(),
        GateRun.SCHEMA_VERSION,
        Fmt.orDash(run.runId()),
        Fmt.orDash(run.dqgateVersion()),
        Fmt.ratio(StageViews.SKEW_RATIO));
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
          case FAIL ->
              plural(fail, "rule")
                  + " failed"
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
        plural(n, "dataset")
            + " checked"
            + (blocked > 0 ? " · " + blocked + " not published" : "")
            + " · "
            + plural(run.stages().size(), "Spark stage")
            + " measured";
    return new Banner(
        verdict.name(),
        StatusStyle.cssClass(verdict),
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
            out.add(
                finding(
                    o,
                    Fmt.orDash(d.name()) + (d.id() == null ? "" : " · " + d.id().names()),
                    "ds-" + (i + 1)));
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
        StatusStyle.label(o.status()),
        StatusStyle.cssClass(o.status()),
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
        StatusStyle.cssClass(s),
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
    List<OutcomeRow> outcomes =
        StatusStyle.worstFirst(d.outcomes()).stream().map(HtmlPage::outcomeRow).toList();
    List<ColumnRow> columns = d.columns().stream().map(c -> columnRow(c, d.rowCount())).toList();
    List<String> inputs = new ArrayList<>();
    for (Lineage.Input in : e.inputs()) {
      inputs.add(
          in.external() ? in.name() : run.datasets().get(in.datasetIndex()).name() + " (gated)");
    }
    return new DatasetView(
        "ds-" + (e.index() + 1),
        e.index() + 1,
        Fmt.orDash(d.name()),
        d.id() == null ? "" : d.id().names(),
        Fmt.orDash(d.action()),
        Fmt.count(d.rowCount()),
        s.name(),
        StatusStyle.cssClass(s),
        s != Status.PASS && s != Status.INFO || !d.published(),
        d.published() ? "published" : "blocked",
        d.published() ? "published" : "blocked",
        inputs.isEmpty() ? "—" : String.join(", ", inputs),
        outcomes,
        columns);
  }

  private static OutcomeRow outcomeRow(Outcome o) {
    return new OutcomeRow(
        StatusStyle.label(o.status()),
        StatusStyle.cssClass(o.status()),
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
          Fmt.number(c.quantiles().get("0.25"))
              + " · "
              + Fmt.number(c.quantiles().get("0.5"))
              + " · "
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
