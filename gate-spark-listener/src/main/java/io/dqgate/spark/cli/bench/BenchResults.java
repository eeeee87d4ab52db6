package io.dqgate.spark.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's figures per configuration, from its runs: medians over the runs (wall, counts,
 * heap), counts divided by the number of gated datasets, and "extra" as the difference to gate off.
 */
public final class BenchResults {
  private static final double MB = 1024.0 * 1024.0;

  /** What was run: rows generated, runs per configuration, and what the rules gate. */
  public record Setup(long rows, int runs, String master, int gatedWrites, int gatedViews) {
    public int gatedDatasets() {
      return gatedWrites + gatedViews;
    }
  }

  /**
   * One run: its configuration, its round, the wall time of its SparkSubmit JVM and the listener's
   * counts.
   */
  public record Run(BenchConfig config, int round, double wallSeconds, RunCounts counts) {}

  /**
   * One configuration's figures. Per-dataset figures are divided by {@link Setup#gatedDatasets()}.
   */
  public record Row(
      BenchConfig config,
      double wallMedian,
      double wallMin,
      double wallMax,
      double ratio,
      double jobsPerDataset,
      double stagesPerDataset,
      double extraJobsPerDataset,
      double extraScansPerDataset,
      double gateJobsPerDataset,
      double inputRecordsMedian,
      double heapPeakMb,
      double heapAfterGcMb,
      double rssPeakMb,
      double cpuMedian,
      double cpuRatio) {}

  private final Setup setup;
  private final List<Run> runs;
  private final List<Row> rows = new ArrayList<>();

  public BenchResults(Setup setup, List<Run> runs) {
    this.setup = setup;
    this.runs = List.copyOf(runs);
    double ds = setup.gatedDatasets();
    double offWall = median(BenchConfig.OFF, Run::wallSeconds);
    double offJobs = median(BenchConfig.OFF, r -> r.counts().jobs());
    double offScans = median(BenchConfig.OFF, r -> r.counts().scans());
    double offCpu = median(BenchConfig.OFF, BenchResults::cpuSeconds);
    for (BenchConfig c : BenchConfig.values()) {
      double wall = median(c, Run::wallSeconds);
      rows.add(
          new Row(
              c,
              wall,
              min(c),
              max(c),
              wall / offWall,
              median(c, r -> r.counts().jobs()) / ds,
              median(c, r -> r.counts().stages()) / ds,
              (median(c, r -> r.counts().jobs()) - offJobs) / ds,
              (median(c, r -> r.counts().scans()) - offScans) / ds,
              median(c, r -> r.counts().gateJobs()) / ds,
              median(c, r -> r.counts().inputRecords()),
              median(c, r -> r.counts().heapPeakBytes()) / MB,
              median(c, r -> r.counts().heapAfterGcBytes()) / MB,
              median(c, r -> r.counts().rssPeakBytes()) / MB,
              median(c, BenchResults::cpuSeconds),
              median(c, BenchResults::cpuSeconds) / offCpu));
    }
  }

  public List<Row> rows() {
    return rows;
  }

  public Row row(BenchConfig config) {
    return rows.get(config.ordinal());
  }

  /** The table, then the summary line last. */
  public void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "dqgate bench: %,d rows, %d run(s) per configuration interleaved, %s, %d gated datasets"
            + " (%d writes, %d views)%n",
        setup.rows(),
        setup.runs(),
        setup.master(),
        setup.gatedDatasets(),
        setup.gatedWrites(),
        setup.gatedViews());
    String header = "%-12s %9s %15s %6s %9s %6s %8s %9s %10s %11s %9s %10s %10s %9s%n";
    out.printf(
        Locale.ROOT,
        header,
        "config",
        "wall med",
        "wall min-max",
        "ratio",
        "cpu med",
        "cpu x",
        "jobs/ds",
        "stages/ds",
        "+jobs/ds",
        "+scans/ds",
        "gate j/ds",
        "heap peak",
        "heap aftGC",
        "rss peak");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-12s %8.2fs %15s %5.2fx %8.2fs %5.2fx %8.2f %9.2f %10.2f %11.2f %9.2f %8.0fMB %8.0fMB"
              + " %7.0fMB%n",
          r.config().label(),
          r.wallMedian(),
          String.format(Locale.ROOT, "%.2f-%.2fs", r.wallMin(), r.wallMax()),
          r.ratio(),
          r.cpuMedian(),
          r.cpuRatio(),
          r.jobsPerDataset(),
          r.stagesPerDataset(),
          r.extraJobsPerDataset(),
          r.extraScansPerDataset(),
          r.gateJobsPerDataset(),
          r.heapPeakMb(),
          r.heapAfterGcMb(),
          r.rssPeakMb());
    }
    out.println(cpuLine());
    out.println(summaryLine());
  }

  /**
   * The same ratios in CPU time of the driver JVM ({@code local[*]}: tasks included): on a loaded
   * machine wall time mostly measures the other load, CPU time the work done.
   */
  public String cpuLine() {
    return overhead("cpu", Row::cpuRatio);
  }

  private static double cpuSeconds(Run run) {
    return run.counts().cpuNanos() / 1e9;
  }

  /** {@code gate overhead: observe=<r>x enforce=<r>x handwritten=<r>x extra_jobs_per_write=<n>}. */
  public String summaryLine() {
    return overhead("gate", Row::ratio)
        + String.format(
            Locale.ROOT,
            " extra_jobs_per_write=%.2f",
            row(BenchConfig.ENFORCE).extraJobsPerDataset());
  }

  private String overhead(String what, java.util.function.ToDoubleFunction<Row> ratio) {
    return String.format(
        Locale.ROOT,
        "%s overhead: observe=%.2fx enforce=%.2fx handwritten=%.2fx",
        what,
        ratio.applyAsDouble(row(BenchConfig.OBSERVE)),
        ratio.applyAsDouble(row(BenchConfig.ENFORCE)),
        ratio.applyAsDouble(row(BenchConfig.HANDWRITTEN)));
  }

  /**
   * The figures as JSON, for the docs to quote: the setup, one object per configuration, every run.
   */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "setup",
        Map.of(
            "rows",
            setup.rows(),
            "runs",
            setup.runs(),
            "master",
            setup.master(),
            "gatedDatasets",
            setup.gatedDatasets(),
            "gatedWrites",
            setup.gatedWrites(),
            "gatedViews",
            setup.gatedViews()));
    Map<String, Object> configs = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("wallMedianSeconds", r.wallMedian());
      c.put("wallMinSeconds", r.wallMin());
      c.put("wallMaxSeconds", r.wallMax());
      c.put("ratioToOff", r.ratio());
      c.put("jobsPerGatedDataset", r.jobsPerDataset());
      c.put("stagesPerGatedDataset", r.stagesPerDataset());
      c.put("extraJobsPerGatedDataset", r.extraJobsPerDataset());
      c.put("extraScansPerGatedDataset", r.extraScansPerDataset());
      c.put("gateJobsPerGatedDataset", r.gateJobsPerDataset());
      c.put("inputRecordsMedian", r.inputRecordsMedian());
      c.put("driverHeapPeakMb", r.heapPeakMb());
      c.put("driverHeapAfterGcMb", r.heapAfterGcMb());
      c.put("driverRssPeakMb", r.rssPeakMb());
      c.put("driverCpuMedianSeconds", r.cpuMedian());
      c.put("cpuRatioToOff", r.cpuRatio());
      configs.put(r.config().label(), c);
    }
    json.put("configurations", configs);
    json.put(
        "runs",
        runs.stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("config", r.config().label());
                  m.put("round", r.round());
                  m.put("wallSeconds", r.wallSeconds());
                  m.put("counts", r.counts());
                  return m;
                })
            .toList());
    json.put("summary", summaryLine());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot write the benchmark figures as JSON: " + e.getMessage(), e);
    }
  }

  private double[] values(BenchConfig c, ToDoubleFunction<Run> f) {
    double[] v = runs.stream().filter(r -> r.config() == c).mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      throw new IllegalArgumentException(
          "Cannot summarise the benchmark because configuration " + c.label() + " has no run");
    }
    return v;
  }

  private double median(BenchConfig c, ToDoubleFunction<Run> f) {
    double[] v = values(c, f);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private double min(BenchConfig c) {
    return Arrays.stream(values(c, Run::wallSeconds)).min().orElseThrow();
  }

  private double max(BenchConfig c) {
    return Arrays.stream(values(c, Run::wallSeconds)).max().orElseThrow();
  }
}
