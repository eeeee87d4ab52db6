package io.dqgate.spark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./dqgate} command. Runs on the gate jar plus a Spark classpath; jobs it starts run in
 * a fresh {@code SparkSubmit} JVM with the gate attached by {@code --jars} and {@code --conf} only.
 */
@Command(
    name = "dqgate",
    mixinStandardHelpOptions = true,
    version = "dqgate 0.1.0",
    description = "Data-quality and lineage gate for Spark 3.5 jobs.",
    subcommands = {
      LintCommand.class,
      SubmitCommand.class,
      DemoCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      SuggestCommand.class
    })
public final class DqGateCli implements Callable<Integer> {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static int fail(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String message =
        e instanceof java.nio.file.NoSuchFileException missing
            ? "cannot read " + missing.getFile() + " because it does not exist"
            : e.getMessage();
    cmd.getErr().println("dqgate " + cmd.getCommandName() + ": " + message);
    return 2;
  }

  /** The command line with dqgate's error handling, for main and tests. */
  static CommandLine commandLine() {
    return new CommandLine(new DqGateCli()).setExecutionExceptionHandler(DqGateCli::fail);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 2;
  }
}
