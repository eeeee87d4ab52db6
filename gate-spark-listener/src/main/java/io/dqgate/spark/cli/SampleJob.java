package io.dqgate.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The sample churn pipeline as {@code demo} and {@code bench} launch it: the options they share (a
 * {@code @Mixin}), its data generator and the SparkSubmit arguments of its job.
 */
final class SampleJob {
  static final String JOB = "com.example.churn.ChurnFeatureJob";
  static final String GENERATOR = "com.example.churn.TransactionGenerator";

  // No defaultValue: the field's initial value, each command's own, is the default picocli shows.
  @Option(names = "--rows", description = "Transactions to generate (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rules", description = "Rule file (default: sample-pipeline/rules/churn.yaml).")
  Path rules;

  /** The options of a command that generates {@code defaultRows} transactions unless told. */
  SampleJob(long defaultRows) {
    this.rows = defaultRows;
  }

  /** The rule file given, or the sample pipeline's own under {@code home}. */
  Path rulesFile(Path home) {
    return rules != null ? rules : home.resolve("sample-pipeline/rules/churn.yaml");
  }

  /**
   * Runs the transaction generator for {@link #rows} into {@code csv} ({@code users} 0: one user
   * per 20 rows); with {@code log} set its output goes there. Returns its exit code.
   */
  int generate(Path appJar, long users, boolean defects, Path csv, Path log) throws Exception {
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
    return SparkSubmitLauncher.java(List.of(appJar.toString()), GENERATOR, args, log);
  }

  /** SparkSubmit arguments that run the churn job on {@code csv}, writing under {@code output}. */
  static List<String> jobArgs(Path appJar, Path csv, Path output) {
    return new ArrayList<>(
        List.of(
            "--class",
            JOB,
            appJar.toString(),
            "--input",
            csv.toAbsolutePath().toString(),
            "--output",
            output.toAbsolutePath().toString()));
  }
}
