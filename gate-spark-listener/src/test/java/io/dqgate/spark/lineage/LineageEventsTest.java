package io.dqgate.spark.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import io.dqgate.spark.config.GateConf;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.utils.DatasetIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events built from a hand-made run, each validated against the OpenLineage spec schemas. */
class LineageEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP_RUN = "0196f2d3-3f30-7c41-9d2c-8e1b7a6b5c4d";
  private static final UUID GATE_RUN = UUID.fromString("0196f2d3-4000-7000-8000-000000000001");
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final SourceLocation RULES = new SourceLocation("rules/churn.yaml", 6, 9);

  private static LineageConfig config(String... extra) {
    Map<String, String> conf =
        new java.util.LinkedHashMap<>(
            Map.of(
                "spark.openlineage.transport.type", "http",
                "spark.openlineage.transport.url", "http://127.0.0.1:5000",
                "spark.openlineage.namespace", "churn",
                "spark.openlineage.applicationRunId", APP_RUN));
    for (int i = 0; i < extra.length; i += 2) {
      conf.put(extra[i], extra[i + 1]);
    }
    return LineageConfig.parse(conf, "Churn Features", "local-1", 0L);
  }

  /** An outcome of rule {@code id}, {@code <block>.<check>[.<column>]} as ids are derived. */
  private static Outcome outcome(
      String id, Severity severity, Status status, Double observed, Long total, String threshold) {
    String[] parts = id.split("\\.");
    String check = parts[1];
    String column = parts.length > 2 ? parts[2] : null;
    return new Outcome(
        id,
        check,
        column,
        severity,
        status,
        observed,
        total,
        threshold,
        id + " found " + observed + " — rules/churn.yaml:6",
        RULES,
        "- " + check + ": {column: " + column + "}",
        false);
  }

  private static final DatasetResult PASSED =
      new DatasetResult(
          new DatasetId("features", List.of(DatasetRef.path("/data/features"))),
          "write overwrite path",
          1000L,
          List.of(
              new ColumnProfile(
                  "amount",
                  "double",
                  0L,
                  0L,
                  98L,
                  "0.0",
                  "99.0",
                  49500.0,
                  Map.of("0.25", 24.0, "0.5", 49.0, "0.75", 74.0)),
              new ColumnProfile("category", "string", 2L, null, 3L, "a", "c", null, null),
              new ColumnProfile(
                  "day", "date", 0L, null, null, "2024-01-01", "2024-03-31", null, null)),
          List.of(
              outcome("features.row_count", Severity.FAIL, Status.PASS, 1000.0, null, "[1, +∞)"),
              outcome(
                  "features.not_null.category",
                  Severity.WARN,
                  Status.WARN,
                  2.0,
                  1000L,
                  "none allowed")),
          List.of(DatasetId.of(DatasetRef.path("/data/raw"))),
          0,
          true,
          T0.plusSeconds(10),
          Map.of());

  private static final DatasetResult REJECTED =
      new DatasetResult(
          new DatasetId("scores", List.of(DatasetRef.table("spark_catalog.default.scores"))),
          "insertInto table",
          500L,
          List.of(new ColumnProfile("amount", "double", 0L, 0L, 502L, "0.0", "499.0", null, null)),
          List.of(
              outcome(
                  "scores.range.amount", Severity.FAIL, Status.FAIL, 399.0, 500L, "none allowed")),
          List.of(),
          0,
          false,
          T0.plusSeconds(20),
          Map.of());

  private static final DatasetResult VIEW =
      new DatasetResult(
          DatasetId.of(DatasetRef.view("bronze")),
          "view",
          10L,
          List.of(),
          List.of(outcome("bronze.row_count", Severity.FAIL, Status.ERROR, null, null, null)),
          List.of(),
          1,
          true,
          T0.plusSeconds(5),
          Map.of());

  private static final StageSummary STAGE =
      new StageSummary(
          3,
          0,
          "parquet at Churn.java:42",
          7L,
          DatasetId.of(DatasetRef.path("/data/features")),
          4,
          1,
          new StageSummary.Distribution(0, 10, 20, 30, 40, 1200),
          new StageSummary.Distribution(5, 6, 7, 8, 9, 10),
          1000,
          2000,
          0,
          0,
          12,
          4,
          12345);

  private static GateRun run(int exitCode) {
    return new GateRun(
        GATE_RUN.toString(),
        "Churn Features",
        "local-1",
        T0,
        T0.plusSeconds(30),
        "enforce",
        "3.5.7",
        "0.1.0-SNAPSHOT",
        List.of("rules/churn.yaml"),
        List.of(VIEW, PASSED, REJECTED),
        List.of(STAGE),
        List.of(
            outcome("diagnostics.partition_skew", Severity.WARN, Status.WARN, 60.0, null, "≤ 10×")),
        List.of(),
        exitCode);
  }

  private static DatasetIdentifier id(DatasetResult d) {
    return switch (d.ref().kind()) {
      case PATH -> new DatasetIdentifier(d.ref().name(), "file");
      case TABLE ->
          new DatasetIdentifier("/warehouse/scores", "file")
              .withSymlink(
                  "default.scores", "file:/warehouse", DatasetIdentifier.SymlinkType.TABLE);
      default -> new DatasetIdentifier("churn_features.view." + d.ref().name(), "churn");
    };
  }

  /** The events of one run, as JSON, each checked against the spec first. */
  private static List<JsonNode> events(LineageConfig config, GateRun run) throws Exception {
    LineageEvents events = new LineageEvents(config, "0.1.0-SNAPSHOT");
    List<OpenLineage.RunEvent> built = new ArrayList<>();
    built.add(events.start(GATE_RUN, run.startedAt(), "3.5.7", "0.1.0-SNAPSHOT"));
    for (DatasetResult d : run.datasets()) {
      built.add(events.dataset(GATE_RUN, d, id(d), run.stages()));
    }
    built.add(events.finish(GATE_RUN, run, LineageEventsTest::id));
    List<JsonNode> json = new ArrayList<>();
    for (OpenLineage.RunEvent e : built) {
      String text = OpenLineageClientUtils.toJson(e);
      List<String> problems = OpenLineageSpec.violations(text);
      assertTrue(problems.isEmpty(), problems + "\n" + text);
      json.add(JSON.readTree(text));
    }
    return json;
  }

  private static JsonNode assertion(JsonNode event, String name) {
    for (JsonNode a : event.at("/inputs/0/inputFacets/dataQualityAssertions/assertions")) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no assertion " + name + " in " + event);
  }

  @Test
  void aRejectedRunIsStartRunningPerDatasetThenFailAndEveryEventIsValid() throws Exception {
    List<JsonNode> events = events(config(), run(GateConf.EXIT_BREACH));
    assertEquals(
        List.of("START", "RUNNING", "RUNNING", "RUNNING", "FAIL"),
        events.stream().map(e -> e.path("eventType").asText()).toList());
    for (JsonNode e : events) {
      assertEquals(GATE_RUN.toString(), e.at("/run/runId").asText());
      assertEquals("churn", e.at("/job/namespace").asText());
      assertEquals("churn_features.dqgate", e.at("/job/name").asText());
      assertEquals(
          APP_RUN, e.at("/run/facets/parent/run/runId").asText(), "parent is the application run");
      assertEquals("churn_features", e.at("/run/facets/parent/job/name").asText());
      assertEquals("churn", e.at("/run/facets/parent/job/namespace").asText());
      assertEquals(APP_RUN, e.at("/run/facets/parent/root/run/runId").asText());
      assertTrue(
          e.path("producer").asText().startsWith("https://github.com/dqgate/dqgate/"),
          e.toString());
    }
    assertEquals("3.5.7", events.get(0).at("/run/facets/processing_engine/version").asText());

    JsonNode passed = events.get(2);
    assertEquals("file", passed.at("/inputs/0/namespace").asText());
    assertEquals("/data/features", passed.at("/inputs/0/name").asText());
    JsonNode metrics = passed.at("/inputs/0/inputFacets/dataQualityMetrics");
    assertEquals(1000, metrics.path("rowCount").asLong());
    assertEquals(
        12345, metrics.path("bytes").asLong(), "bytes written, from the stage that produced it");
    assertEquals(4, metrics.path("fileCount").asLong());
    JsonNode amount = metrics.at("/columnMetrics/amount");
    assertEquals(0.0, amount.path("min").asDouble());
    assertEquals(99.0, amount.path("max").asDouble());
    assertEquals(49500.0, amount.path("sum").asDouble());
    assertEquals(98, amount.path("distinctCount").asLong());
    assertEquals(1000.0, amount.path("count").asDouble());
    assertEquals(49.0, amount.at("/quantiles/0.5").asDouble());
    JsonNode category = metrics.at("/columnMetrics/category");
    assertEquals(2, category.path("nullCount").asLong());
    assertEquals(998.0, category.path("count").asDouble());
    assertFalse(
        category.has("min") || category.has("max"), "string min/max are not numbers: left out");
    assertFalse(metrics.at("/columnMetrics/day").has("min"), "dates are not numbers either");
    JsonNode warn = assertion(passed, "features.not_null.category");
    assertEquals("not_null", warn.path("assertion").asText());
    assertFalse(warn.path("success").asBoolean());
    assertEquals("warn", warn.path("severity").asText());
    assertEquals("category", warn.path("column").asText());
    assertEquals("2", warn.path("actual").asText());
    assertEquals("none allowed", warn.path("expected").asText());
    assertEquals("rules/churn.yaml:6", warn.at("/params/source").asText());
    assertTrue(assertion(passed, "features.row_count").path("success").asBoolean());
    assertFalse(
        assertion(passed, "features.row_count").has("column"),
        "a dataset-level rule has no column");

    JsonNode rejected = events.get(3);
    assertEquals("/warehouse/scores", rejected.at("/inputs/0/name").asText());
    assertEquals(
        "default.scores", rejected.at("/inputs/0/facets/symlinks/identifiers/0/name").asText());
    JsonNode range = assertion(rejected, "scores.range.amount");
    assertEquals("range", range.path("assertion").asText());
    assertFalse(range.path("success").asBoolean());
    assertEquals("error", range.path("severity").asText());
    assertEquals("399", range.path("actual").asText());
    assertEquals("none allowed", range.path("expected").asText());
    assertEquals(500, range.at("/params/total").asLong());
    assertEquals("FAIL", range.at("/params/status").asText());
    assertFalse(
        rejected.at("/inputs/0/inputFacets/dataQualityMetrics").has("bytes"), "no stage wrote it");
    assertEquals(
        500,
        rejected
            .at("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics/amount/distinctCount")
            .asLong(),
        "an approximate distinct count never exceeds the values counted");

    JsonNode view = events.get(1);
    assertEquals("churn", view.at("/inputs/0/namespace").asText());
    assertEquals("churn_features.view.bronze", view.at("/inputs/0/name").asText());
    JsonNode error = assertion(view, "bronze.row_count");
    assertFalse(
        error.path("success").asBoolean(), "a rule that could not be computed did not pass");
    assertEquals("ERROR", error.at("/params/status").asText());

    JsonNode end = events.get(4);
    assertEquals(3, end.path("inputs").size(), "the terminal event repeats every dataset");
    String message = end.at("/run/facets/errorMessage/message").asText();
    assertTrue(
        message.contains(
            "table spark_catalog.default.scores (rejected, nothing published): scores.range.amount"),
        message);
    assertEquals("JAVA", end.at("/run/facets/errorMessage/programmingLanguage").asText());
    JsonNode diagnostics = end.at("/run/facets/dqgate_stageDiagnostics");
    assertEquals(
        StageDiagnosticsRunFacet.SCHEMA_URL.toString(), diagnostics.path("_schemaURL").asText());
    assertEquals(3, diagnostics.at("/stages/0/stageId").asInt());
    assertEquals(60.0, diagnostics.at("/stages/0/shuffleReadSkew").asDouble());
    assertEquals(1200, diagnostics.at("/stages/0/shuffleReadBytes/max").asLong());
    assertEquals("diagnostics.partition_skew", diagnostics.at("/outcomes/0/ruleId").asText());
    assertEquals("WARN", diagnostics.at("/outcomes/0/status").asText());
  }

  @Test
  void aCleanRunCompletesWithoutErrorMessage() throws Exception {
    List<JsonNode> events = events(config(), run(0));
    JsonNode end = events.get(events.size() - 1);
    assertEquals("COMPLETE", end.path("eventType").asText());
    assertFalse(end.at("/run/facets").has("errorMessage"));
  }

  @Test
  void disabledFacetsAreLeftOutAndPartitionDirectoriesAreTrimmedLikeOpenLineageSpark()
      throws Exception {
    LineageConfig config = config("spark.openlineage.facets.dataQualityMetrics.disabled", "true");
    LineageEvents events = new LineageEvents(config, "0.1.0-SNAPSHOT");
    OpenLineage.RunEvent event =
        events.dataset(
            GATE_RUN,
            PASSED,
            new DatasetIdentifier("/data/features/day=2024-01-01", "file"),
            List.of());
    String text = OpenLineageClientUtils.toJson(event);
    assertTrue(OpenLineageSpec.violations(text).isEmpty(), OpenLineageSpec.violations(text) + text);
    JsonNode json = JSON.readTree(text);
    assertFalse(json.at("/inputs/0/inputFacets").has("dataQualityMetrics"), text);
    assertTrue(json.at("/inputs/0/inputFacets").has("dataQualityAssertions"), text);
    assertEquals("/data/features", json.at("/inputs/0/name").asText(), text);
  }

  @Test
  void theSchemaCheckIsNotVacuous() throws Exception {
    List<JsonNode> events = events(config(), run(GateConf.EXIT_BREACH));
    com.fasterxml.jackson.databind.node.ObjectNode dataset = events.get(3).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            dataset.at("/inputs/0/inputFacets/dataQualityAssertions/assertions/0"))
        .put("success", "no");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            dataset.at("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics/amount"))
        .put("min", "0.0");
    ((com.fasterxml.jackson.databind.node.ObjectNode) dataset.at("/run"))
        .put("runId", "not-a-uuid");
    List<String> problems = OpenLineageSpec.violations(dataset);
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.contains("dataQualityAssertions") && p.contains("success")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("dataQualityMetrics") && p.contains("min")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("event") && p.contains("runId")),
        problems.toString());

    com.fasterxml.jackson.databind.node.ObjectNode end = events.get(4).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            end.at("/run/facets/dqgate_stageDiagnostics/stages/0"))
        .put("tasks", "four");
    List<String> custom = OpenLineageSpec.violations(end);
    assertTrue(
        custom.stream().anyMatch(p -> p.contains("dqgate_stageDiagnostics") && p.contains("tasks")),
        custom.toString());
  }

  @Test
  void observedValuesReadAsPeopleWriteThem() {
    assertEquals("399", LineageEvents.actual(399.0));
    assertEquals("0.998", LineageEvents.actual(0.998));
    assertEquals(null, LineageEvents.actual(null));
  }
}
