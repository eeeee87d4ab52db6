package io.dqgate.spark.cli;

import io.dqgate.reports.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dqgate demo}: the churn feature pipeline, gated, with its summary. */
@Command(
    name = "demo",
    description = "Generate transactions, run the churn feature pipeline gated, print the verdict.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--rows",
      defaultValue = "100000",
      description = "Transactions to generate (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--users", defaultValue = "0", description = "Users (default: rows / 20).")
  long users;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

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

  @Option(names = "--rules", description = "Rule file (default: sample-pipeline/rules/churn.yaml).")
  Path rules;

  @Option(
      names = "--mode",
      defaultValue = "enforce",
      description = "enforce | observe (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--conf",
      description = "Extra Spark conf key=value passed through (e.g. spark.openlineage.*).")
  List<String> confs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path home = SparkSubmitLauncher.home();
    Path appJar = SparkSubmitLauncher.sampleJar(home);
    Path rulesFile = rules != null ? rules : home.resolve("sample-pipeline/rules/churn.yaml");
    Files.createDirectories(out);
    Path csv = input;
    if (csv == null) {
      csv = out.resolve("data/transactions.csv");
      Files.createDirectories(csv.getParent());
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--rows",
                  Long.toString(rows),
                  "--users",
                  Long.toString(users > 0 ? users : Math.max(1, rows / 20)),
                  "--seed",
                  Long.toString(seed),
                  "--output",
                  csv.toString()));
      if (defects) {
        args.add("--defects");
      }
      int generated =
          SparkSubmitLauncher.java(
              List.of(appJar.toString()), "com.example.churn.TransactionGenerator", args);
      if (generated != 0) {
        System.err.println("dqgate demo: the data generator failed (exit " + generated + ")");
        return generated;
      }
    }
    Path reportDir = out.resolve("report");
    Path output = out.resolve("output");
    List<String> sparkArgs =
        new ArrayList<>(
            List.of(
                "--class",
                "com.example.churn.ChurnFeatureJob",
                appJar.toString(),
                "--input",
                csv.toAbsolutePath().toString(),
                "--output",
                output.toAbsolutePath().toString()));
    System.out.println(
        "dqgate demo: running the churn pipeline on "
            + csv
            + " with the gate attached ("
            + mode
            + ")");
    List<String> sparkConfs = new ArrayList<>();
    if (confs.stream().noneMatch(c -> c.startsWith("spark.log.level="))) {
      sparkConfs.add(
          "spark.log.level=WARN"); // the demo's output is the gate's summary, not Spark's INFO log
    }
    sparkConfs.addAll(confs);
    int exit =
        SparkSubmitLauncher.run(
            "local[2]",
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
