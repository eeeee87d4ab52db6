package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.reports.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./dqgate demo}, run as the script runs it: the CLI on the shaded
 * jar plus the Spark classpath, starting SparkSubmit for the unchanged sample pipeline.
 */
class DemoIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private static SparkSubmitRunner.Result demo(Path out, String... extra) throws IOException, InterruptedException {
    Path sparkClasspath = Path.of(System.getProperty("dqgate.sparkClasspath"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Ddqgate.home=" + ROOT,
        "-Ddqgate.sparkClasspath=" + sparkClasspath,
        "-Ddqgate.driverMemory=1g",
        "-cp", SparkSubmitRunner.GATE_JAR + java.io.File.pathSeparator + Files.readString(sparkClasspath).trim(),
        "io.dqgate.spark.cli.DqGateCli", "demo", "--out", out.toString()));
    if (!List.of(extra).contains("--rows")) {
      command.addAll(List.of("--rows", "20000"));
    }
    command.addAll(List.of(extra));
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "demo did not finish");
    return new SparkSubmitRunner.Result(p.exitValue(), Files.readString(log));
  }

  @Test
  void cleanDataPassesEveryStage(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("clean");
    SparkSubmitRunner.Result r = demo(out);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("0 failed, 0 errors"), r.output());
    for (String stage : List.of("path " + out + "/output/rejects ", "path " + out + "/output/bronze ",
        "view temporal_features ", "path " + out + "/output/user_features ", "view labeled_users ",
        "view model_input ", "path " + out + "/output/features ")) {
      assertEquals(1, r.output().lines().filter(l -> l.startsWith("  " + stage)).count(),
          stage + "checked once\n" + r.output());
    }
    assertTrue(Files.exists(out.resolve("report/report.json")));
    assertTrue(Files.exists(out.resolve("report/report.html")));
    assertTrue(Files.exists(out.resolve("report/junit.xml")));
    assertTrue(Files.isDirectory(out.resolve("output/features/split=train")));
  }

  @Test
  void defectsStopTheBronzeStageUnpublished(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("defects");
    SparkSubmitRunner.Result r = demo(out, "--defects");
    assertEquals(3, r.exitCode(), r.output());
    assertTrue(r.output().contains("dqgate: FAIL (exit 3)"), r.output());
    assertTrue(r.output().contains("NOT PUBLISHED"), r.output());
    assertTrue(r.output().contains("  - bronze_transactions.unique.transaction_id: transaction_id: "), r.output());
    assertTrue(r.output().contains("  - bronze_transactions.range.amount: amount: "), r.output());
    assertTrue(r.output().contains("churn.yaml:26"), r.output());
    assertFalse(Files.exists(out.resolve("output/bronze")), "the rejected stage must not be published");
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
    Path png = chromium.screenshot(html, Path.of("target", "demo-defects-report.png").toAbsolutePath(), 1280, 2000);
    assertTrue(Files.size(png) > 10_000, "screenshot " + png);
  }

  @Test
  void hotUserIsFlaggedAtTheUserFeaturesStage(@TempDir Path dir) throws Exception {
    // Observe mode lets the defective data reach the feature stages; AQE off keeps the job's 200 shuffle
    // partitions (AQE would coalesce this small shuffle into one task, where skew cannot show).
    Path out = dir.resolve("skew");
    SparkSubmitRunner.Result r = demo(out, "--defects", "--mode", "observe", "--rows", "100000",
        "--conf", "spark.sql.adaptive.enabled=false");
    assertEquals(3, r.exitCode(), r.output());
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report/report.json").toFile());
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
