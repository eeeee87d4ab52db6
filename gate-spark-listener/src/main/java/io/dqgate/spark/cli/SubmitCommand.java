package io.dqgate.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dqgate submit}: runs a Spark application with the gate attached. */
@Command(
    name = "submit",
    description =
        "Run a Spark application through SparkSubmit with the gate attached: dqgate submit --rules F -- --class C app.jar args")
final class SubmitCommand implements Callable<Integer> {
  @Option(
      names = "--rules",
      required = true,
      split = ",",
      description = "Rule files (repeatable or comma-separated).")
  List<String> rules;

  @Option(
      names = "--mode",
      defaultValue = "enforce",
      description = "enforce | observe | off (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--report-dir",
      defaultValue = "dqgate-report",
      description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path reportDir;

  @Mixin SparkOptions spark;

  @Parameters(
      paramLabel = "SPARK-SUBMIT-ARGS",
      description = "Everything after --: --class, the app jar, its arguments.")
  List<String> sparkArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return SparkSubmitLauncher.run(
        spark.master,
        SparkSubmitLauncher.gateConfs(rules, mode, reportDir, spark.confs),
        sparkArgs);
  }
}
