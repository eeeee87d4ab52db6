package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.reports.Reports;
import io.dqgate.reports.testing.HeadlessChromium;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./dqgate demo}, run as the script runs it: the CLI on the
 * shaded jar plus the Spark classpath, starting SparkSubmit for the unchanged sample pipeline.
 */
class DemoIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private static SparkSubmitRunner.Result demo(Path out, String... extra)
      throws IOException, InterruptedException {
    Path sparkClasspath = Path.of(System.getProperty("dqgate.sparkClasspath"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddqgate.home=" + ROOT,
                "-Ddqgate.sparkClasspath=" + sparkClasspath,
                "-Ddqgate.driverMemory=1g",
                "-cp",
                SparkSubmitRunner.GATE_JAR
                    + java.io.File.pathSeparator
                    + Files.readString(sparkClasspath).trim(),
                "io.dqgate.spark.cli.DqGateCli",
                "demo",
                "--out",
                out.toString()));
    if (!List.of(extra).contains("--rows")) {
      command.addAll(List.of("--rows", "20000"));
    }
    command.addAll(List.of(extra));
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "demo did not finish");
    return new SparkSubmitRunner.Result(p.exitValue(), Files.readString(log));
  }

  @Test
  void cleanDataPassesEveryStage(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("clean");
    SparkSubmitRunner.Result r = demo(out);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("0 failed, 0 errors"), r.output());
    // The summary names each stage by its rule name (issue 11), not by its path or view.
    for (String stage :
        List.of(
            "rejected_rows ",
            "bronze_transactions ",
            "temporal_features ",
            "user_features ",
            "labeled_users ",
            "model_input ",
            "features ")) {
      // Counted in dqgate's summary only: the job's own summary above it lists its views alike.
      String summary = r.output().substring(r.output().lastIndexOf("\ndqgate: ") + 1);
      assertEquals(
          1,
          summary.lines().filter(l -> l.startsWith("  " + stage)).count(),
          stage + "checked once\n" + r.output());
    }
    assertTrue(Files.exists(out.resolve("report/report.json")));
    assertTrue(Files.exists(out.resolve("report/report.html")));
    assertTrue(Files.exists(out.resolve("report/junit.xml")));
    assertTrue(Files.isDirectory(out.resolve("output/features/split=train")));
    assertLineageIsConnected(out);
  }

  /**
   * The lineage of the real run, read back from report.json: one node per stage (bronze is its view
   * and its written path), unruled and cached views looked through, connected from the CSV to
   * features.
   */
  private static void assertLineageIsConnected(Path out) throws IOException {
    GateRun run = Reports.readJson(out.resolve("report/report.json"));
    String csv = "path " + out.resolve("data/transactions.csv").toAbsolutePath();
    Set<String> edges = new TreeSet<>();
    for (DatasetResult d : run.datasets()) {
      for (DatasetId input : d.inputs()) {
        List<DatasetResult> gated =
            run.datasets().stream().filter(g -> g != d && g.id().overlaps(input)).toList();
        assertTrue(gated.size() <= 1, input + " is one dataset: " + gated);
        edges.add((gated.isEmpty() ? input.names() : gated.get(0).name()) + " -> " + d.name());
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                csv + " -> bronze_transactions",
                csv + " -> rejected_rows",
                "bronze_transactions -> temporal_features",
                "temporal_features -> user_features",
                "user_features -> labeled_users",
                "bronze_transactions -> labeled_users",
                "labeled_users -> model_input",
                "model_input -> features")),
        edges);
    DatasetResult bronze =
        run.datasets().stream()
            .filter(d -> d.name().equals("bronze_transactions"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(
            DatasetRef.path(out.resolve("output/bronze").toAbsolutePath().toString()),
            DatasetRef.view("bronze_transactions")),
        bronze.id().refs(),
        "bronze is one node: its path and its view");

    // Connected: everything downstream of the CSV reaches features.
    Set<String> reached = new java.util.HashSet<>(Set.of(csv));
    for (int round = 0; round < edges.size(); round++) {
      for (String e : edges) {
        String[] fromTo = e.split(" -> ");
        if (reached.contains(fromTo[0])) {
          reached.add(fromTo[1]);
        }
      }
    }
    assertTrue(
        reached.containsAll(run.datasets().stream().map(DatasetResult::name).toList()),
        reached::toString);
  }

  @Test
  void defectsStopTheBronzeStageUnpublished(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("defects");
    SparkSubmitRunner.Result r = demo(out, "--defects");
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.output().contains("dqgate: FAIL (exit 3)"), r.output());
    assertTrue(r.output().contains("NOT PUBLISHED"), r.output());
    assertTrue(
        r.output().contains("  - bronze_transactions.unique.transaction_id: transaction_id: "),
        r.output());
    assertTrue(r.output().contains("  - bronze_transactions.range.amount: amount: "), r.output());
    assertTrue(r.output().contains("churn.yaml:26"), r.output());
    assertFalse(
        Files.exists(out.resolve("output/bronze")), "the rejected stage must not be published");
    assertFalse(Files.exists(out.resolve("output/features")), "later stages never ran");
    String junit = Files.readString(out.resolve("report/junit.xml"));
    assertTrue(junit.contains("<failure"), junit);

    // The real report of this failing run, in a real browser.
    HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
    Path html = out.resolve("report/report.html");
    String dom = chromium.dumpDom(html);
    assertTrue(dom.contains("FAIL"), dom);
    assertTrue(dom.contains("bronze_transactions.unique.transaction_id"), dom);
    assertTrue(dom.contains("repeat a key of an earlier row"), dom);
    Path png =
        chromium.screenshot(
            html, Path.of("target", "demo-defects-report.png").toAbsolutePath(), 1280, 2000);
    assertTrue(Files.size(png) > 10_000, "screenshot " + png);
  }

  @Test
  void hotUserIsFlaggedAtTheUserFeaturesStage(@TempDir Path dir) throws Exception {
    // Observe mode lets the defective data reach the feature stages; AQE off keeps the job's 200
    // shuffle
    // partitions (AQE would coalesce this small shuffle into one task, where skew cannot show).
    Path out = dir.resolve("skew");
    SparkSubmitRunner.Result r =
        demo(
            out,
            "--defects",
            "--mode",
            "observe",
            "--rows",
            "100000",
            "--conf",
            "spark.sql.adaptive.enabled=false");
    assertEquals(3, r.exitCode(), r.output());
    var report =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("report/report.json").toFile());
    com.fasterxml.jackson.databind.JsonNode skew = null;
    for (var outcome : report.get("stageOutcomes")) {
      if (outcome.get("ruleId").asText().equals("user_features.partition_skew")) {
        skew = outcome;
      }
    }
    assertTrue(skew != null, report.toString());
    assertEquals("WARN", skew.get("status").asText(), skew.toString());
    String explanation = skew.get("explanation").asText();
    assertTrue(explanation.contains("output/user_features"), explanation);
    assertTrue(explanation.contains("of its 200 tasks"), explanation);
  }
}
