package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dqgate suggest} as the script runs it: the CLI on the shaded jar plus the Spark
 * classpath, profiling in a SparkSubmit JVM with the shaded jar (relocated Deequ) as the
 * application; then {@code ./dqgate lint} on the file it wrote.
 */
class SuggestIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private static SparkSubmitRunner.Result cli(Path log, String... args) throws Exception {
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
                "io.dqgate.spark.cli.DqGateCli"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "dqgate " + args[0] + " did not finish");
    return new SparkSubmitRunner.Result(p.exitValue(), Files.readString(log));
  }

  @Test
  void suggestWritesAFileLintAccepts(@TempDir Path dir) throws Exception {
    TransactionGenerator.Config config = new TransactionGenerator.Config();
    config.rows = 20_000;
    config.users = 1_000;
    config.output = dir.resolve("transactions.csv");
    TransactionGenerator.generate(config);
    Path rules = dir.resolve("rules/transactions.yaml");

    SparkSubmitRunner.Result suggest =
        cli(
            dir.resolve("suggest.log"),
            "suggest",
            config.output.toString(),
            "--dataset",
            "bronze",
            "--match",
            "stage",
            "--out",
            rules.toString());
    assertEquals(0, suggest.exitCode(), suggest.output());
    String text = Files.readString(rules);
    assertTrue(text.contains("match: {stage: \"bronze\"}"), text);
    assertTrue(text.contains("- unique: {column: transaction_id}"), text);

    SparkSubmitRunner.Result lint = cli(dir.resolve("lint.log"), "lint", rules.toString());
    assertEquals(0, lint.exitCode(), lint.output());
    assertTrue(lint.output().contains("OK — 1 dataset, 13 rules (13 fail, 0 warn)"), lint.output());
  }
}
