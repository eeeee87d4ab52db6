package io.dqgate.spark.cli;

import io.dqgate.rules.DatasetMatcher;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.DatasetRules;
import io.dqgate.rules.RuleParser;
import io.dqgate.spark.cli.bench.BenchConfig;
import io.dqgate.spark.cli.bench.BenchListener;
import io.dqgate.spark.cli.bench.BenchResults;
import io.dqgate.spark.cli.bench.RunCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./dqgate bench}: the sample pipeline on generated data, each run in a fresh SparkSubmit
 * JVM, in four configurations interleaved round by round (off, observe, enforce, handwritten, off,
 * …) so that drift of a shared machine falls on all of them alike. See docs/performance.md.
 */
@Command(
    name = "bench",
    description =
        "Time the sample pipeline gate off, observe, enforce and with hand-written checks (interleaved),"
            + " count its Spark jobs, scans and driver heap; figures in <out>/bench.json.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Rounds; each runs every configuration once (default: ${DEFAULT-VALUE}).")
  int runs;

  @Mixin SampleJob sample = new SampleJob(2_000_000);

  @Mixin SparkOptions spark;

  @Option(
      names = "--out",
      defaultValue = "out/bench",
      description =
          "Working directory: data, outputs, logs, reports, bench.json (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (sample.rows < 1 || runs < 1) {
      throw new IllegalArgumentException(
          "Cannot benchmark because --rows and --runs must be at least 1");
    }
    Path home = SparkSubmitLauncher.home();
    Path appJar = SparkSubmitLauncher.sampleJar(home);
    Path rulesFile = sample.rulesFile(home).toAbsolutePath();
    BenchResults.Setup setup = setup(rulesFile);
    Path logs = Files.createDirectories(out.resolve("logs"));
    Path csv = generate(appJar, logs);

    List<BenchResults.Run> done = new ArrayList<>();
    int total = runs * BenchConfig.values().length;
    for (int round = 1; round <= runs; round++) {
      for (BenchConfig config : BenchConfig.values()) {
        BenchResults.Run run = runOnce(config, round, appJar, rulesFile, csv, logs);
        done.add(run);
        System.out.printf(
            Locale.ROOT,
            "dqgate bench: [%d/%d] %-11s round %d: %.2f s, %d jobs%n",
            done.size(),
            total,
            config.label(),
            round,
            run.wallSeconds(),
            run.counts().jobs());
      }
    }
    BenchResults results = new BenchResults(setup, done);
    Path json = out.resolve("bench.json");
    Files.writeString(json, results.toJson());
    System.out.println("dqgate bench: figures in " + json + "; logs and reports under " + out);
    results.print(System.out);
    return 0;
  }

  /** What the rules gate: written datasets (matched by path or table) and temp views. */
  private BenchResults.Setup setup(Path rulesFile) {
    List<DatasetRules> datasets = RuleParser.load(List.of(rulesFile)).datasets();
    int views =
        (int)
            datasets.stream()
                .filter(
                    d ->
                        d.matchers().stream()
                            .map(DatasetMatcher::kind)
                            .allMatch(k -> k == DatasetRef.Kind.VIEW))
                .count();
    return new BenchResults.Setup(sample.rows, runs, spark.master, datasets.size() - views, views);
  }

  private Path generate(Path appJar, Path logs) throws Exception {
    Path csv = out.resolve("data/transactions.csv").toAbsolutePath();
    Files.createDirectories(csv.getParent());
    System.out.printf(
        Locale.ROOT, "dqgate bench: generating %,d transactions into %s%n", sample.rows, csv);
    int exit = sample.generate(appJar, 0, false, csv, logs.resolve("generate.log"));
    if (exit != 0) {
      throw new IllegalStateException(
          "Cannot benchmark because the data generator failed (exit "
              + exit
              + "): see "
              + logs.resolve("generate.log"));
    }
    return csv;
  }

  private BenchResults.Run runOnce(
      BenchConfig config, int round, Path appJar, Path rulesFile, Path csv, Path logs)
      throws Exception {
    Path dir = out.resolve("runs").resolve(config.label()).toAbsolutePath();
    Path output =
        dir.resolve("output"); // the rules match written stages by paths ending in output/<stage>
    Path counts = dir.resolve("counts-" + round + ".properties");
    Path log = logs.resolve(config.label() + "-" + round + ".log");
    deleteRecursively(
        output); // outside the timing: every configuration starts from an empty output
    Files.deleteIfExists(counts);
    Files.createDirectories(dir);

    List<String> sparkConfs =
        new ArrayList<>(
            List.of(
                "spark.log.level=WARN",
                "spark.extraListeners=" + BenchListener.class.getName(),
                BenchListener.METRICS_FILE + "=" + counts));
    sparkConfs.addAll(spark.confs);
    List<String> runConfs =
        config.gateMode().isPresent()
            ? SparkSubmitLauncher.gateConfs(
                List.of(rulesFile.toString()),
                config.gateMode().get(),
                dir.resolve("report-" + round),
                sparkConfs)
            : sparkConfs;
    List<String> sparkArgs = SampleJob.jobArgs(appJar, csv, output);
    if (config.handwrittenChecks()) {
      sparkArgs.add("--handwritten-checks");
    }

    long start = System.nanoTime();
    int exit = SparkSubmitLauncher.run(spark.master, runConfs, sparkArgs, log);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "Cannot benchmark because the %s run of round %d failed (exit %d): see %s",
              config.label(),
              round,
              exit,
              log));
    }
    if (!Files.exists(counts)) {
      throw new IllegalStateException(
          "Cannot benchmark because the "
              + config.label()
              + " run of round "
              + round
              + " wrote no counts ("
              + counts
              + "): see "
              + log);
    }
    return new BenchResults.Run(
        config, round, seconds, RunCounts.fromProperties(Files.readString(counts)));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
