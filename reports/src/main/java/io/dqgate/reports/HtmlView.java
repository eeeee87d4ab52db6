package io.dqgate.reports;

import java.util.List;

/**
 * The view model of report.html: only strings, numbers and booleans already formatted for people
 * (and the SVG shapes of {@link Svgs}), so the template has no logic beyond sections. Built by
 * {@link HtmlPage} and {@link StageViews}, rendered by {@link HtmlReport}. mustache.java reads
 * these records' accessors (and the derived methods below) by name.
 */
final class HtmlView {
  private HtmlView() {}

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
    // Computed here rather than as {{list.size}} in the template: mustache.java would call size()
    // by
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
}
