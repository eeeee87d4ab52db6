package io.dqgate.spark.cli;

import io.dqgate.rules.Lint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dqgate lint}: validates rule files. */
@Command(
    name = "lint",
    description =
        "Validate rule files: exit 0 if all are valid, 2 with FILE:LINE:COL errors otherwise.")
final class LintCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Rule files (YAML or JSON).")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    return Lint.run(files, System.out, System.err);
  }
}
