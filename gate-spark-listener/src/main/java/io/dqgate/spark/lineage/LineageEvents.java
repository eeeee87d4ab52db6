package io.dqgate.spark.lineage;

import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.spark.config.GateConf;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.dataset.partition.DatasetReducer;
import io.openlineage.client.utils.DatasetIdentifier;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Builds dqgate's OpenLineage events from the result model; no Spark, no I/O. The gate's own run
 * (job {@code <application job>.dqgate}) has one START when the gate starts, one RUNNING event per
 * gated dataset carrying that dataset as input with {@code dataQualityMetrics} and {@code
 * dataQualityAssertions}, and one COMPLETE, or FAIL when the gate asks the job to fail, that
 * repeats every dataset and adds the {@code dqgate_stageDiagnostics} facet. Every event has a
 * parent run facet naming the application run.
 */
final class LineageEvents {
  static final String GATE_JOB_SUFFIX = ".dqgate";
  private static final Set<String> NUMERIC_TYPES =
      Set.of(
          "tinyint",
          "smallint",
          "int",
          "bigint",
          "float",
          "double",
          "byte",
          "short",
          "integer",
          "long");

  private final OpenLineage ol;
  private final LineageConfig lineage;
  private final URI producer;

  LineageEvents(LineageConfig lineage, String dqgateVersion) {
    this.producer =
        URI.create(
            "https://github.com/dqgate/dqgate/tree/v" + dqgateVersion + "/gate-spark-listener");
    this.ol = new OpenLineage(producer);
    this.lineage = lineage;
  }

  URI producer() {
    return producer;
  }

  /** The gate's run started. */
  OpenLineage.RunEvent start(UUID runId, Instant at, String sparkVersion, String dqgateVersion) {
    OpenLineage.RunFacetsBuilder facets = runFacets();
    if (lineage.facetEnabled("processing_engine")) {
      facets.processing_engine(
          ol.newProcessingEngineRunFacetBuilder()
              .name("spark")
              .version(sparkVersion)
              .openlineageAdapterVersion(dqgateVersion)
              .build());
    }
    return event(OpenLineage.RunEvent.EventType.START, runId, at, facets.build(), List.of());
  }

  /**
   * A gated dataset was decided: a RUNNING event of the gate's run with the dataset and its
   * results.
   */
  OpenLineage.RunEvent dataset(
      UUID runId, DatasetResult result, DatasetIdentifier id, List<StageSummary> stages) {
    return event(
        OpenLineage.RunEvent.EventType.RUNNING,
        runId,
        result.checkedAt(),
        runFacets().build(),
        List.of(input(result, id, stages)));
  }

  /**
   * The run ended: COMPLETE, or FAIL with an error message naming the rejected datasets and rules
   * when the gate asks the job to exit non-zero. {@code ids} gives the identity of each of {@code
   * run.datasets()} (datasets without one are left out).
   */
  OpenLineage.RunEvent finish(
      UUID runId, GateRun run, java.util.function.Function<DatasetResult, DatasetIdentifier> ids) {
    OpenLineage.RunFacetsBuilder facets = runFacets();
    if (lineage.facetEnabled(StageDiagnosticsRunFacet.NAME)) {
      facets.put(
          StageDiagnosticsRunFacet.NAME,
          new StageDiagnosticsRunFacet(producer, run.stages(), run.stageOutcomes()));
    }
    boolean failed = run.exitCode() != 0;
    if (failed && lineage.facetEnabled("errorMessage")) {
      facets.errorMessage(
          ol.newErrorMessageRunFacetBuilder()
              .message(failure(run))
              .programmingLanguage("JAVA")
              .build());
    }
    List<OpenLineage.InputDataset> inputs = new ArrayList<>();
    for (DatasetResult d : run.datasets()) {
      DatasetIdentifier id = ids.apply(d);
      if (id != null) {
        inputs.add(input(d, id, run.stages()));
      }
    }
    return event(
        failed ? OpenLineage.RunEvent.EventType.FAIL : OpenLineage.RunEvent.EventType.COMPLETE,
        runId,
        run.endedAt(),
        facets.build(),
        inputs);
  }

  /** Why the gate failed the run, naming each rejected dataset and its breached fail rules. */
  static String failure(GateRun run) {
    List<String> parts = new ArrayList<>();
    for (DatasetResult d : run.datasets()) {
      if (d.status() == Status.FAIL) {
        parts.add(
            d.ref()
                + (d.published() ? " (published: observe mode)" : " (rejected, nothing published)")
                + ": "
                + String.join(", ", d.failures().stream().map(Outcome::ruleId).toList()));
      }
    }
    for (Outcome o : run.stageOutcomes()) {
      if (o.status() == Status.FAIL) {
        parts.add("stage diagnostics: " + o.ruleId());
      }
    }
    if (run.exitCode() == GateConf.EXIT_BREACH) {
      return "dqgate: fail rules were breached on " + String.join("; ", parts);
    }
    return "dqgate stopped the job (exit code "
        + run.exitCode()
        + ", internal error with"
        + " spark.dqgate.onInternalError=fail-closed): "
        + String.join("; ", run.warnings())
        + (parts.isEmpty() ? "" : "; breached: " + String.join("; ", parts));
  }

  private OpenLineage.RunEvent event(
      OpenLineage.RunEvent.EventType type,
      UUID runId,
      Instant at,
      OpenLineage.RunFacets runFacets,
      List<OpenLineage.InputDataset> inputs) {
    OpenLineage.JobFacetsBuilder jobFacets = ol.newJobFacetsBuilder();
    if (lineage.facetEnabled("jobType")) {
      jobFacets.jobType(
          ol.newJobTypeJobFacetBuilder()
              .processingType("BATCH")
              .integration("DQGATE")
              .jobType("DATA_QUALITY_GATE")
              .build());
    }
    List<OpenLineage.InputDataset> reduced =
        new DatasetReducer(
                ol, lineage.config() == null ? null : lineage.config().getDatasetConfig())
            .reduceInputs(inputs);
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
        .run(ol.newRunBuilder().runId(runId).facets(runFacets).build())
        .job(
            ol.newJobBuilder()
                .namespace(lineage.namespace())
                .name(lineage.applicationJobName() + GATE_JOB_SUFFIX)
                .facets(jobFacets.build())
                .build())
        .inputs(reduced)
        .outputs(List.of())
        .build();
  }

  private OpenLineage.RunFacetsBuilder runFacets() {
    OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder();
    LineageConfig.RunRef app = lineage.application();
    LineageConfig.RunRef root = lineage.root();
    // The null arguments are the run's and job's own facets: none.
    facets.parent(
        ol.newParentRunFacet(
            ol.newParentRunFacetRun(app.runId(), null),
            ol.newParentRunFacetJob(app.namespace(), app.name(), null),
            ol.newParentRunFacetRoot(
                ol.newRootRun(root.runId(), null),
                ol.newRootJob(root.namespace(), root.name(), null))));
    return facets;
  }

  private OpenLineage.InputDataset input(
      DatasetResult result, DatasetIdentifier id, List<StageSummary> stages) {
    OpenLineage.InputDatasetInputFacetsBuilder inputFacets = ol.newInputDatasetInputFacetsBuilder();
    if (lineage.facetEnabled("dataQualityMetrics")) {
      inputFacets.dataQualityMetrics(metrics(result, stages));
    }
    if (lineage.facetEnabled("dataQualityAssertions")) {
      inputFacets.dataQualityAssertions(assertions(result));
    }
    OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder();
    if (!id.getSymlinks().isEmpty() && lineage.facetEnabled("symlinks")) {
      List<OpenLineage.SymlinksDatasetFacetIdentifiers> links = new ArrayList<>();
      for (DatasetIdentifier.Symlink link : id.getSymlinks()) {
        links.add(
            ol.newSymlinksDatasetFacetIdentifiersBuilder()
                .namespace(link.getNamespace())
                .name(link.getName())
                .type(link.getType().toString())
                .build());
      }
      facets.symlinks(ol.newSymlinksDatasetFacetBuilder().identifiers(links).build());
    }
    return ol.newInputDatasetBuilder()
        .namespace(id.getNamespace())
        .name(id.getName())
        .facets(facets.build())
        .inputFacets(inputFacets.build())
        .build();
  }

  OpenLineage.DataQualityMetricsInputDatasetFacet metrics(
      DatasetResult result, List<StageSummary> stages) {
    OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsBuilder columns =
        ol.newDataQualityMetricsInputDatasetFacetColumnMetricsBuilder();
    for (ColumnProfile c : result.columns()) {
      boolean numeric = isNumeric(c.type());
      Long values =
          result.rowCount() != null && c.nullCount() != null
              ? result.rowCount() - c.nullCount()
              : null;
      Long distinct = c.distinctCount();
      if (distinct != null && values != null && distinct > values) {
        distinct = values; // approx_count_distinct may overshoot by its relative error
      }
      OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder m =
          ol.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder()
              .nullCount(c.nullCount())
              .distinctCount(distinct)
              .sum(finite(c.sum()))
              .count(values == null ? null : values.doubleValue());
      if (numeric) {
        m.min(number(c.min())).max(number(c.max()));
      }
      if (c.quantiles() != null && !c.quantiles().isEmpty()) {
        OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsAdditionalQuantilesBuilder q =
            ol.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalQuantilesBuilder();
        c.quantiles()
            .forEach(
                (k, v) -> {
                  if (finite(v) != null) {
                    q.put(k, v);
                  }
                });
        m.quantiles(q.build());
      }
      columns.put(c.name(), m.build());
    }
    long bytes = 0;
    long files = 0;
    for (StageSummary s : stages) {
      if (result.id().overlaps(s.dataset())) {
        bytes += s.outputBytes();
        files += s.outputFiles();
      }
    }
    return ol.newDataQualityMetricsInputDatasetFacetBuilder()
        .rowCount(result.rowCount())
        .bytes(bytes > 0 ? bytes : null)
        .fileCount(files > 0 ? files : null)
        .columnMetrics(columns.build())
        .build();
  }

  OpenLineage.DataQualityAssertionsDatasetFacet assertions(DatasetResult result) {
    List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> list = new ArrayList<>();
    for (Outcome o : result.outcomes()) {
      OpenLineage.DataQualityAssertionsDatasetFacetAssertionsParamsBuilder params =
          ol.newDataQualityAssertionsDatasetFacetAssertionsParamsBuilder();
      params.put("status", o.status().name());
      if (o.total() != null) {
        params.put("total", o.total());
      }
      if (o.source() != null) {
        params.put("source", o.source().fileAndLine());
      }
      if (o.extraPass()) {
        params.put("extraPass", true);
      }
      list.add(
          ol.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
              .assertion(o.check())
              .name(o.ruleId())
              .success(o.status() == Status.PASS || o.status() == Status.INFO)
              .column(o.column())
              .severity(
                  o.severity() == null
                      ? null
                      : o.severity() == io.dqgate.rules.Severity.FAIL ? "error" : "warn")
              .description(o.explanation())
              .expected(o.threshold())
              .actual(actual(o.observed()))
              .content(o.rule())
              .contentType("dqgate-rule")
              .params(params.build())
              .build());
    }
    return ol.newDataQualityAssertionsDatasetFacetBuilder().assertions(list).build();
  }

  /**
   * The observed value as text: whole numbers without a fraction ({@code 399}, not {@code 399.0}).
   */
  static String actual(Double observed) {
    if (observed == null) {
      return null;
    }
    if (observed.isNaN() || observed.isInfinite()) {
      return observed.toString();
    }
    if (observed == Math.rint(observed) && Math.abs(observed) < 1e15) {
      return Long.toString(observed.longValue());
    }
    return BigDecimal.valueOf(observed).stripTrailingZeros().toPlainString();
  }

  private static boolean isNumeric(String type) {
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return NUMERIC_TYPES.contains(t) || t.startsWith("decimal");
  }

  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return finite(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double finite(Double d) {
    return d == null || d.isNaN() || d.isInfinite() ? null : d;
  }
}
