package io.dqgate.spark.cli;

import io.dqgate.spark.suggest.SuggestMain;
import io.dqgate.spark.suggest.SuggestTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dqgate suggest}: profiles data with Deequ in a local[2] SparkSubmit JVM (the gate jar as
 * the application, so it runs as shipped) and writes a commented first rule file.
 */
@Command(
    name = "suggest",
    description =
        "Profile data with Deequ and write a commented first rule file that lint accepts and the data passes.")
final class SuggestCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "DATA",
      description = "A CSV file (header row; types inferred) or Parquet path.")
  String data;

  @Option(
      names = "--format",
      description = "csv | parquet (default: csv for names ending in .csv, else parquet).")
  String format;

  @Option(
      names = "--dataset",
      description = "The dataset block's name (default: from the file name).")
  String dataset;

  @Option(
      names = "--match",
      defaultValue = "path",
      description =
          "What the block matches: path (DATA's path; default), view or stage (named --dataset).")
  String match;

  @Option(names = "--out", description = "Write the rule file here (default: standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    SuggestTarget.of(data, dataset, match); // option mistakes fail here, before a JVM starts
    boolean local = !data.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    String path = local ? Path.of(data).toAbsolutePath().normalize().toString() : data;
    List<String> args = new ArrayList<>(List.of("--data", path, "--match", match));
    if (format != null) {
      args.addAll(List.of("--format", format));
    }
    if (dataset != null) {
      args.addAll(List.of("--dataset", dataset));
    }
    if (out != null) {
      args.addAll(List.of("--out", out.toAbsolutePath().toString()));
    }
    List<String> sparkArgs =
        new ArrayList<>(
            List.of(
                "--class", SuggestMain.class.getName(), SparkSubmitLauncher.gateJar().toString()));
    sparkArgs.addAll(args);
    return SparkSubmitLauncher.run("local[2]", List.of("spark.log.level=WARN"), sparkArgs);
  }
}
