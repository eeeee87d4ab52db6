package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dqgate bench} at a tiny size, run as the script runs it. Checks the output's structure
 * and that the counts are plausible; it times nothing (the figures belong to docs/performance.md).
 */
class BenchIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void fourConfigurationsATableAndTheSummaryLineLast(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench");
    Path sparkClasspath = Path.of(System.getProperty("dqgate.sparkClasspath"));
    List<String> command =
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
            "bench",
            "--rows",
            "3000",
            "--runs",
            "1",
            "--out",
            out.toString());
    Path log = dir.resolve("bench.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Generous: 4 SparkSubmit runs take about 2 minutes on a quiet 2-core machine, but over 25 when
    // it
    // is shared by several builds. A bench left running would hold the CPU: stop it and its runs.
    if (!p.waitFor(45, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("bench did not finish in 45 minutes:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);

    List<String> lines = output.lines().toList();
    assertTrue(
        lines
            .get(lines.size() - 1)
            .matches(
                "gate overhead: observe=\\d+\\.\\d\\dx enforce=\\d+\\.\\d\\dx handwritten=\\d+\\.\\d\\dx extra_jobs_per_write=-?\\d+\\.\\d\\d"),
        output);
    for (String config : List.of("off", "observe", "enforce", "handwritten")) {
      assertEquals(
          1,
          lines.stream().filter(l -> l.startsWith(config + " ")).count(),
          config + " row\n" + output);
    }
    assertTrue(output.contains("7 gated datasets (4 writes, 3 views)"), output);

    JsonNode configs =
        new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("configurations");
    JsonNode off = configs.get("off");
    assertEquals(0.0, off.get("extraJobsPerGatedDataset").asDouble(), output);
    assertEquals(0.0, off.get("gateJobsPerGatedDataset").asDouble(), output);
    assertTrue(off.get("jobsPerGatedDataset").asDouble() > 0, output);
    assertTrue(
        off.get("inputRecordsMedian").asDouble() >= 3000,
        "the job reads the CSV's 3000 rows at least once\n" + output);
    // Hand-written: at least one action (a count) per gated dataset, and more jobs than the gate's
    // enforce.
    JsonNode handwritten = configs.get("handwritten");
    assertTrue(handwritten.get("extraJobsPerGatedDataset").asDouble() >= 1, output);
    assertTrue(
        handwritten.get("jobsPerGatedDataset").asDouble()
            > configs.get("enforce").get("jobsPerGatedDataset").asDouble(),
        output);
    assertEquals(0.0, handwritten.get("gateJobsPerGatedDataset").asDouble(), output);
    for (String config : List.of("off", "observe", "enforce", "handwritten")) {
      assertTrue(
          configs.get(config).get("driverHeapPeakMb").asDouble() > 0, config + " heap\n" + output);
    }
    // The gated configurations wrote their reports; the others ran without the gate.
    assertTrue(Files.exists(out.resolve("runs/enforce/report-1/report.json")));
    assertTrue(Files.exists(out.resolve("runs/observe/report-1/report.json")));
    assertTrue(Files.notExists(out.resolve("runs/off/report-1")));
  }
}
