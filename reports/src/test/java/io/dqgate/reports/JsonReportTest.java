package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.dqgate.core.result.GateRun;
import io.dqgate.reports.testing.ChurnRunFixture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static List<GateRun> runs() {
    return List.of(
        ChurnRunFixture.failingRun(), ChurnRunFixture.passingRun(), ChurnRunFixture.minimalRun());
  }

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches(
        "churn-failing.report.json",
        GoldenFiles.normaliseJson(Reports.renderJson(ChurnRunFixture.failingRun())));
  }

  @ParameterizedTest
  @MethodSource("runs")
  void validatesAgainstTheSchema(GateRun run) throws Exception {
    JsonNode report = MAPPER.readTree(Reports.renderJson(run));
    Set<ValidationMessage> errors = schema().validate(report);
    assertTrue(
        errors.isEmpty(),
        () -> "report.json of " + run.appName() + " violates the schema: " + errors);
  }

  @Test
  void schemaRejectsWhatItShould() throws Exception {
    ObjectNode report =
        (ObjectNode) MAPPER.readTree(Reports.renderJson(ChurnRunFixture.failingRun()));
    ((ObjectNode) report.get("datasets").get(0).get("outcomes").get(0)).put("status", "MAYBE");
    ((ObjectNode) report.get("run")).put("startedAt", "yesterday");
    report.put("surprise", 1);
    Set<ValidationMessage> errors = schema().validate(report);
    String all = errors.toString();
    assertTrue(all.contains("status"), all);
    assertTrue(all.contains("startedAt"), all);
    assertTrue(all.contains("surprise"), all);
  }

  @ParameterizedTest
  @MethodSource("runs")
  void roundTripsThroughReadJson(GateRun run, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(Reports.JSON_FILE);
    Files.writeString(file, Reports.renderJson(run));
    GateRun back = Reports.readJson(file);
    assertEquals(run, back);
    assertEquals(Reports.renderHtml(run), Reports.renderHtml(back));
    assertEquals(Reports.renderJunitXml(run), Reports.renderJunitXml(back));
  }

  @Test
  void topLevelShapeNamesSchemaAndVersion() throws Exception {
    JsonNode report = MAPPER.readTree(Reports.renderJson(ChurnRunFixture.failingRun()));
    assertEquals(
        List.of(
            "$schema", "schemaVersion", "run", "datasets", "stages", "stageOutcomes", "lineage"),
        iterate(report.fieldNames()));
    assertEquals(Reports.SCHEMA_FILE, report.get("$schema").asText());
    assertEquals(GateRun.SCHEMA_VERSION, report.get("schemaVersion").asText());
    JsonNode run = report.get("run");
    assertEquals("FAIL", run.get("verdict").asText());
    assertEquals(1, run.get("exitCode").asInt());
    assertEquals(1, run.get("counts").get("FAIL").asInt());
    assertEquals(1, run.get("counts").get("ERROR").asInt());
    assertEquals(3, run.get("counts").get("WARN").asInt());
    assertEquals(754_318, run.get("durationMillis").asLong());
    JsonNode failing = report.get("datasets").get(3);
    assertEquals("churn_features", failing.get("name").asText());
    assertEquals("FAIL", failing.get("status").asText());
    assertEquals(false, failing.get("published").asBoolean());
    JsonNode range = failing.get("outcomes").get(2);
    assertEquals(ChurnRunFixture.FAILING_RULE_ID, range.get("ruleId").asText());
    assertEquals("rules/churn.yaml:44", range.get("source").asText());
    assertEquals("fail", range.get("severity").asText());
  }

  @Test
  void readsSchema10DocumentsWithTypedIdentities(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(Reports.JSON_FILE);
    try (InputStream in =
        JsonReportTest.class.getResourceAsStream("/golden/churn-failing.report-1.0.json")) {
      // The golden file has its times normalised away; any instant will do.
      Files.writeString(
          file,
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .replace("\"<time>\"", "\"2024-06-10T00:00:00Z\""));
    }
    GateRun back = Reports.readJson(file);
    GateRun run = ChurnRunFixture.failingRun();
    for (int i = 0; i < run.datasets().size(); i++) {
      assertEquals(run.datasets().get(i).id(), back.datasets().get(i).id());
    }
    // 1.0 wrote some inputs as bare names: read back, they are the gated datasets of that name.
    assertEquals(run.datasets().get(2).inputs(), back.datasets().get(2).inputs());
    assertEquals(run.datasets().get(3).inputs(), back.datasets().get(3).inputs());
    assertEquals(run.stages().get(1).dataset(), back.stages().get(1).dataset());
    List<Lineage.Entry> lineage = Lineage.of(back);
    assertEquals(0, lineage.get(2).inputs().get(0).datasetIndex());
    assertEquals(1, lineage.get(2).inputs().get(1).datasetIndex());
  }

  @Test
  void writesIdentitiesAsRuleAndNames() throws Exception {
    JsonNode enriched =
        MAPPER.readTree(Reports.renderJson(ChurnRunFixture.failingRun())).get("datasets").get(2);
    assertTrue(enriched.get("id").get("rule").isNull(), "no rule name apart from the stage's own");
    assertEquals("stage", enriched.get("id").get("names").get(0).get("kind").asText());
    assertEquals(
        "transactions_enriched", enriched.get("id").get("names").get(0).get("name").asText());
    assertEquals("view", enriched.get("inputIds").get(1).get("names").get(0).get("kind").asText());
  }

  @Test
  void lineageResolvesInputsToGatedDatasetsAndStages() throws Exception {
    JsonNode lineage =
        MAPPER.readTree(Reports.renderJson(ChurnRunFixture.failingRun())).get("lineage");
    JsonNode enriched = lineage.get(2);
    assertEquals("stage transactions_enriched", enriched.get("dataset").asText());
    assertEquals("raw_events", enriched.get("inputs").get(0).get("dataset").asText());
    assertEquals("customers_clean", enriched.get("inputs").get(1).get("dataset").asText());
    assertEquals(7, enriched.get("stages").get(0).asInt());
    JsonNode raw = lineage.get(0);
    assertTrue(
        raw.get("inputs").get(0).get("dataset").isNull(), "an external input has no dataset");
  }

  @Test
  void nonFiniteNumbersAreStrings() throws Exception {
    JsonNode report = MAPPER.readTree(Reports.renderJson(ChurnRunFixture.minimalRun()));
    assertEquals("Infinity", report.get("stageOutcomes").get(0).get("observed").asText());
    assertEquals(
        "NaN", report.get("datasets").get(0).get("outcomes").get(0).get("observed").asText());
    assertEquals(
        "-Infinity", report.get("datasets").get(0).get("columns").get(0).get("sum").asText());
    assertNull(report.get("datasets").get(0).get("ref").textValue());
  }

  @Test
  void readJsonRejectsAnotherMajorVersionNamingIt(@TempDir Path dir) throws Exception {
    ObjectNode report =
        (ObjectNode) MAPPER.readTree(Reports.renderJson(ChurnRunFixture.passingRun()));
    report.put("schemaVersion", "2.0");
    Path file = dir.resolve("report.json");
    Files.writeString(file, report.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Reports.readJson(file));
    assertEquals(
        "Cannot read " + file + " because $.schemaVersion is 2.0 and this dqgate reads 1.x",
        e.getMessage());
  }

  @Test
  void readJsonNamesTheOffendingField(@TempDir Path dir) throws Exception {
    ObjectNode report =
        (ObjectNode) MAPPER.readTree(Reports.renderJson(ChurnRunFixture.failingRun()));
    ((ObjectNode) report.get("datasets").get(1).get("outcomes").get(1)).put("status", "MAYBE");
    Path file = dir.resolve("report.json");
    Files.writeString(file, report.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Reports.readJson(file));
    assertEquals(
        "Cannot read "
            + file
            + " because $.datasets[1].outcomes[1].status is 'MAYBE', not one of"
            + " INFO, PASS, WARN, ERROR, FAIL",
        e.getMessage());

    ((ObjectNode) report.get("datasets").get(1).get("outcomes").get(1)).remove("status");
    Files.writeString(file, report.toString());
    e = assertThrows(IllegalArgumentException.class, () -> Reports.readJson(file));
    assertEquals(
        "Cannot read " + file + " because $.datasets[1].outcomes[1].status is missing",
        e.getMessage());

    Files.writeString(file, "{ not json");
    e = assertThrows(IllegalArgumentException.class, () -> Reports.readJson(file));
    assertTrue(
        e.getMessage().startsWith("Cannot read " + file + " because it is not valid JSON"),
        e.getMessage());
  }

  static JsonSchema schema() throws Exception {
    try (InputStream in =
        Reports.class.getClassLoader().getResourceAsStream(Reports.SCHEMA_RESOURCE)) {
      assertTrue(in != null, "schema resource " + Reports.SCHEMA_RESOURCE + " is on the classpath");
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  private static List<String> iterate(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
