package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample churn pipeline, unchanged, run through SparkSubmit on defective data with the gate and
 * the http transport: its lineage events carry the failing rule of the stage that was stopped.
 */
class LineageSamplePipelineIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void theSamplePipelineSendsTheFailingBronzeAssertions(@TempDir Path work) throws Exception {
    Path csv = work.resolve("transactions.csv");
    TransactionGenerator.generate(
        TransactionGenerator.Config.parse(
            new String[] {
              "--rows",
              "20000",
              "--users",
              "1000",
              "--seed",
              "11",
              "--defects",
              "--output",
              csv.toString()
            }));
    Path appJar = SparkSubmitRunner.sampleJar();
    Path rules = ROOT.resolve("sample-pipeline/rules/churn.yaml");
    Path output = work.resolve("output");
    try (LineageSubmitIT.Receiver receiver = new LineageSubmitIT.Receiver()) {
      UUID appRun = UUID.randomUUID();
      SparkSubmitRunner.Result run =
          SparkSubmitRunner.submit(
              work,
              "local[2]",
              List.of(
                  "spark.dqgate.rules=" + rules,
                  "spark.dqgate.reportDir=" + work.resolve("report"),
                  "spark.openlineage.transport.type=http",
                  "spark.openlineage.transport.url=" + receiver.url(),
                  "spark.openlineage.namespace=dqgate-it",
                  "spark.openlineage.applicationRunId=" + appRun),
              "com.example.churn.ChurnFeatureJob",
              appJar,
              "--input",
              csv.toString(),
              "--output",
              output.toString());
      receiver.save("sample-pipeline-defects");
      assertEquals(3, run.exitCode(), run.output());
      List<JsonNode> events = LineageSubmitIT.dqgate(receiver.events());
      // START, the rejects write, the rejected bronze write, FAIL: the job stopped at bronze.
      LineageSubmitIT.assertGateRun(events, appRun, "FAIL", 2, run.output());
      JsonNode bronze = events.get(2);
      assertEquals(output.resolve("bronze").toString(), bronze.at("/inputs/0/name").asText());
      JsonNode range = LineageSubmitIT.assertion(bronze, "bronze_transactions.range.amount");
      assertFalse(range.path("success").asBoolean(), range.toString());
      assertEquals("amount", range.path("column").asText());
      assertEquals("≤ 0.1%", range.path("expected").asText());
      assertTrue(
          LineageSubmitIT.assertion(bronze, "bronze_transactions.row_count")
              .path("success")
              .asBoolean());
      String message = events.get(3).at("/run/facets/errorMessage/message").asText();
      assertTrue(
          message.contains("path " + output.resolve("bronze") + " (rejected, nothing published)"),
          message);
      assertFalse(Files.exists(output.resolve("bronze")));
    }
  }

  @Test
  void nextToOpenLineageSparkTheSamplePipelinesDatasetsAreNamedAlike(@TempDir Path work)
      throws Exception {
    Path csv = work.resolve("transactions.csv");
    TransactionGenerator.generate(
        TransactionGenerator.Config.parse(
            new String[] {
              "--rows", "20000", "--users", "1000", "--seed", "11", "--output", csv.toString()
            }));
    Path output = work.resolve("output");
    try (LineageSubmitIT.Receiver receiver = new LineageSubmitIT.Receiver()) {
      UUID appRun = UUID.randomUUID();
      SparkSubmitRunner.Result run =
          SparkSubmitRunner.submit(
              work,
              "local[2]",
              List.of(Path.of(System.getProperty("dqgate.openlineageSparkJar"))),
              List.of(
                  "spark.dqgate.rules=" + ROOT.resolve("sample-pipeline/rules/churn.yaml"),
                  "spark.dqgate.reportDir=" + work.resolve("report"),
                  "spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener",
                  "spark.openlineage.transport.type=http",
                  "spark.openlineage.transport.url=" + receiver.url(),
                  "spark.openlineage.namespace=dqgate-it",
                  "spark.openlineage.applicationRunId=" + appRun),
              "com.example.churn.ChurnFeatureJob",
              SparkSubmitRunner.sampleJar(),
              "--input",
              csv.toString(),
              "--output",
              output.toString());
      receiver.save("sample-pipeline-with-openlineage-spark");
      assertEquals(0, run.exitCode(), run.output());
      List<JsonNode> all = receiver.events();
      List<JsonNode> ours = LineageSubmitIT.dqgate(all);
      // START, 4 written paths + 3 views, COMPLETE
      LineageSubmitIT.assertGateRun(ours, appRun, "COMPLETE", 7, run.output());
      java.util.Set<String> written = new java.util.HashSet<>();
      for (JsonNode e : all) {
        if (!ours.contains(e)) {
          for (JsonNode out : e.path("outputs")) {
            written.add(out.path("namespace").asText() + " " + out.path("name").asText());
          }
        }
      }
      int compared = 0;
      for (JsonNode e : ours) {
        JsonNode input = e.at("/inputs/0");
        if (e.path("eventType").asText().equals("RUNNING")
            && input.path("namespace").asText().equals("file")) {
          String id = "file " + input.path("name").asText();
          assertTrue(
              written.contains(id), id + " is not among openlineage-spark's outputs " + written);
          compared++;
        }
      }
      assertEquals(4, compared, "rejects, bronze, user_features and features");
    }
  }
}
