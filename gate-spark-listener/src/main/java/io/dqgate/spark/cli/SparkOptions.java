package io.dqgate.spark.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The Spark options of the commands that start a Spark application (a picocli {@code @Mixin}). */
final class SparkOptions {
  @Option(
      names = "--master",
      defaultValue = "local[2]",
      description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(
      names = "--conf",
      description =
          "Extra Spark conf key=value, passed through to every Spark run (repeatable; e.g."
              + " spark.openlineage.*).")
  List<String> confs = new ArrayList<>();
}
