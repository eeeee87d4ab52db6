package io.dqgate.spark.cli;

import io.dqgate.reports.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dqgate demo}: the churn feature pipeline, gated, with its summary. */
@Command(
    name = "demo",
    description = "Generate transactions, run the churn feature pipeline gated, print the verdict.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--users", defaultValue = "0", description = "Users (default: rows / 20).")
  long users;

  @Mixin SampleJob sample = new SampleJob(100_000);

  @Mixin SparkOptions spark;

  @Option(
      names = "--defects",
      description =
          "Inject defects (nulls, duplicates, out-of-range amounts, unknown categories, a hot user).")
  boolean defects;

  @Option(names = "--input", description = "Run on this CSV instead of generated data.")
  Path input;

  @Option(
      names = "--out",
      defaultValue = "out/demo",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--mode",
      defaultValue = "enforce",
      description = "enforce | observe (default: ${DEFAULT-VALUE}).")
  String mode;

  @Override
  public Integer call() throws Exception {
    Path home = SparkSubmitLauncher.home();
    Path appJar = SparkSubmitLauncher.sampleJar(home);
    Path rulesFile = sample.rulesFile(home);
    Files.createDirectories(out);
    Path csv = input;
    if (csv == null) {
      csv = out.resolve("data/transactions.csv");
      Files.createDirectories(csv.getParent());
      int generated = sample.generate(appJar, users, defects, csv, null);
      if (generated != 0) {
        System.err.println("dqgate demo: the data generator failed (exit " + generated + ")");
        return generated;
      }
    }
    Path reportDir = out.resolve("report");
    Path output = out.resolve("output");
    List<String> sparkArgs = SampleJob.jobArgs(appJar, csv, output);
    System.out.println(
        "dqgate demo: running the churn pipeline on "
            + csv
            + " with the gate attached ("
            + mode
            + ")");
    List<String> sparkConfs = new ArrayList<>();
    if (spark.confs.stream().noneMatch(c -> c.startsWith("spark.log.level="))) {
      sparkConfs.add(
          "spark.log.level=WARN"); // the demo's output is the gate's summary, not Spark's INFO log
    }
    sparkConfs.addAll(spark.confs);
    int exit =
        SparkSubmitLauncher.run(
            spark.master,
            SparkSubmitLauncher.gateConfs(
                List.of(rulesFile.toString()), mode, reportDir, sparkConfs),
            sparkArgs);
    Path json = reportDir.resolve("report.json");
    if (Files.exists(json)) {
      DemoSummary.print(Reports.readJson(json), reportDir, exit, System.out);
    } else {
      System.out.println(
          "dqgate demo: no report was written (exit " + exit + "); see the log above.");
    }
    return exit;
  }
}
