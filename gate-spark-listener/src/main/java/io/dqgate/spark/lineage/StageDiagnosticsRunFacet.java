package io.dqgate.spark.lineage;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * dqgate's custom run facet {@code dqgate_stageDiagnostics}: the task-metric summaries of the Spark
 * stages (partitions, skew, spill, files written) and the diagnostics outcomes not tied to a gated
 * dataset. Its JSON Schema is {@code io/dqgate/spark/lineage/StageDiagnosticsRunFacet.json} in this
 * module.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "stages", "outcomes"})
final class StageDiagnosticsRunFacet implements OpenLineage.RunFacet {
  static final String NAME = "dqgate_stageDiagnostics";
  static final String SCHEMA_RESOURCE = "io/dqgate/spark/lineage/StageDiagnosticsRunFacet.json";
  static final URI SCHEMA_URL =
      URI.create(
          "https://github.com/dqgate/dqgate/blob/main/gate-spark-listener/src/main/resources/"
              + SCHEMA_RESOURCE
              + "#/$defs/StageDiagnosticsRunFacet");

  private final URI producer;
  private final List<Stage> stages;
  private final List<Finding> outcomes;

  /** One Spark stage; distributions are per-task quantiles. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stage(
      int stageId,
      int attempt,
      String name,
      Long executionId,
      String dataset,
      int tasks,
      int emptyTasks,
      StageSummary.Distribution shuffleReadBytes,
      StageSummary.Distribution runTimeMillis,
      Double shuffleReadSkew,
      long inputBytes,
      long shuffleReadTotalBytes,
      long spillDiskBytes,
      long spillMemoryBytes,
      long gcTimeMillis,
      long outputFiles,
      long outputBytes) {}

  /** One diagnostics outcome. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Finding(
      String ruleId,
      String check,
      String column,
      String severity,
      String status,
      Double observed,
      Long total,
      String threshold,
      String explanation) {}

  StageDiagnosticsRunFacet(URI producer, List<StageSummary> stages, List<Outcome> outcomes) {
    this.producer = producer;
    this.stages = stages.stream().map(StageDiagnosticsRunFacet::stage).toList();
    this.outcomes = outcomes.stream().map(StageDiagnosticsRunFacet::finding).toList();
  }

  private static Stage stage(StageSummary s) {
    Double skew = s.shuffleReadBytes() == null ? null : s.shuffleReadBytes().maxOverMedian();
    return new Stage(
        s.stageId(),
        s.attempt(),
        s.name(),
        s.executionId(),
        s.dataset() == null ? null : s.dataset().primary().toString(),
        s.tasks(),
        s.emptyTasks(),
        s.shuffleReadBytes(),
        s.runTimeMillis(),
        skew == null || skew.isInfinite() || skew.isNaN() ? null : skew,
        s.inputBytes(),
        s.shuffleReadTotalBytes(),
        s.spillDiskBytes(),
        s.spillMemoryBytes(),
        s.gcTimeMillis(),
        s.outputFiles(),
        s.outputBytes());
  }

  private static Finding finding(Outcome o) {
    Double observed =
        o.observed() == null || o.observed().isNaN() || o.observed().isInfinite()
            ? null
            : o.observed();
    return new Finding(
        o.ruleId(),
        o.check(),
        o.column(),
        o.severity() == null ? null : o.severity().keyword(),
        o.status().name(),
        observed,
        o.total(),
        o.threshold(),
        o.explanation());
  }

  @Override
  @JsonProperty("_producer")
  public URI get_producer() {
    return producer;
  }

  @Override
  @JsonProperty("_schemaURL")
  public URI get_schemaURL() {
    return SCHEMA_URL;
  }

  @JsonProperty("stages")
  public List<Stage> getStages() {
    return stages;
  }

  @JsonProperty("outcomes")
  public List<Finding> getOutcomes() {
    return outcomes;
  }

  @Override
  @JsonAnyGetter
  @JsonIgnore
  public Map<String, Object> getAdditionalProperties() {
    return Map.of();
  }
}
