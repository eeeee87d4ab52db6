package io.dqgate.spark.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic and output, on made-up runs (no Spark). */
class BenchResultsTest {
  private static final BenchResults.Setup SETUP = new BenchResults.Setup(1000, 3, "local[2]", 4, 3);
  private static final long MB = 1024 * 1024;

  private static BenchResults.Run run(
      BenchConfig c, int round, double wall, long jobs, long scans) {
    return new BenchResults.Run(
        c,
        round,
        wall,
        new RunCounts(
            jobs, 0, jobs * 2, scans, 100, 300 * MB, 50 * MB, 900 * MB, (long) (wall * 1.5e9)));
  }

  private static BenchResults results() {
    List<BenchResults.Run> runs = new ArrayList<>();
    double[][] walls = {{10, 12, 11}, {11, 13, 12}, {12, 14, 13.2}, {30, 40, 33}};
    long[] jobs = {20, 20, 27, 90};
    long[] scans = {10, 10, 13, 60};
    for (int round = 1; round <= 3; round++) {
      for (BenchConfig c : BenchConfig.values()) {
        runs.add(
            run(c, round, walls[c.ordinal()][round - 1], jobs[c.ordinal()], scans[c.ordinal()]));
      }
    }
    return new BenchResults(SETUP, runs);
  }

  @Test
  void figuresAreMediansRatiosAndDifferencesPerGatedDataset() {
    BenchResults r = results();
    BenchResults.Row enforce = r.row(BenchConfig.ENFORCE);
    assertEquals(13.2, enforce.wallMedian(), 1e-9);
    assertEquals(12, enforce.wallMin(), 1e-9);
    assertEquals(14, enforce.wallMax(), 1e-9);
    assertEquals(1.2, enforce.ratio(), 1e-9);
    assertEquals(27 / 7.0, enforce.jobsPerDataset(), 1e-9);
    assertEquals(1.0, enforce.extraJobsPerDataset(), 1e-9);
    assertEquals(3 / 7.0, enforce.extraScansPerDataset(), 1e-9);
    assertEquals(0.0, r.row(BenchConfig.OFF).extraJobsPerDataset(), 1e-9);
    assertEquals(300, enforce.heapPeakMb(), 1e-9);
    assertEquals(13.2 * 1.5, enforce.cpuMedian(), 1e-6);
    assertEquals(1.2, enforce.cpuRatio(), 1e-6);
  }

  @Test
  void theLastLineIsTheSummary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    results().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(
        "gate overhead: observe=1.09x enforce=1.20x handwritten=3.00x extra_jobs_per_write=1.00",
        lines.get(lines.size() - 1));
    assertEquals(
        "cpu overhead: observe=1.09x enforce=1.20x handwritten=3.00x", lines.get(lines.size() - 2));
    for (String config : List.of("off ", "observe ", "enforce ", "handwritten ")) {
      assertEquals(
          1, lines.stream().filter(l -> l.startsWith(config)).count(), config + "\n" + lines);
    }
  }

  @Test
  void theJsonCarriesEveryConfigurationAndRun() throws Exception {
    JsonNode json = new ObjectMapper().readTree(results().toJson());
    assertEquals(7, json.get("setup").get("gatedDatasets").asInt());
    assertEquals(
        List.of("off", "observe", "enforce", "handwritten"), iterate(json.get("configurations")));
    assertEquals(1.2, json.get("configurations").get("enforce").get("ratioToOff").asDouble(), 1e-9);
    assertEquals(12, json.get("runs").size());
    assertTrue(json.get("summary").asText().startsWith("gate overhead: "));
  }

  @Test
  void aConfigurationWithoutRunsIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BenchResults(SETUP, List.of(run(BenchConfig.OFF, 1, 10, 20, 10))));
    assertTrue(e.getMessage().contains("configuration observe has no run"), e.getMessage());
  }

  @Test
  void countsRoundTripThroughTheListenersFile() {
    RunCounts counts = new RunCounts(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertEquals(counts, RunCounts.fromProperties(counts.toProperties()));
  }

  private static List<String> iterate(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
