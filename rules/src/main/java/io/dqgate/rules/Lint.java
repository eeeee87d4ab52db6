package io.dqgate.rules;

import io.dqgate.rules.check.Check;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code dqgate lint FILE...}: checks rule files the way the gate loads them, without Spark.
 *
 * <p>Prints one summary line per valid file to {@code out}; when any file has problems, prints
 * every problem as {@code FILE:LINE:COL: message} to {@code err}, then a total.
 */
public final class Lint {
  /** Exit code when every file is valid. */
  public static final int OK = 0;

  /** Exit code when a file has problems, or no file was given. */
  public static final int PROBLEMS = 2;

  private Lint() {}

  /** Lints {@code files} (paths as given on the command line); returns the exit code. */
  public static int run(List<String> files, PrintStream out, PrintStream err) {
    if (files.isEmpty()) {
      err.println("usage: dqgate lint FILE...  (checks rule files; see docs/rules.md)");
      return PROBLEMS;
    }
    List<Path> paths = files.stream().map(Path::of).toList();
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleFile> parsed = RuleParser.read(paths, problems);
    Set<String> withProblems = new HashSet<>();
    for (RuleProblem problem : problems) {
      withProblems.add(problem.at().file());
    }
    for (RuleFile file : parsed) {
      if (!withProblems.contains(file.source())) {
        out.println(file.source() + ": OK — " + summary(file));
      }
    }
    if (problems.isEmpty()) {
      return OK;
    }
    for (RuleProblem problem : problems) {
      err.println(problem);
    }
    err.println(plural(files.size(), "file") + " checked, " + plural(problems.size(), "problem"));
    return PROBLEMS;
  }

  /** {@code 5 datasets, 31 rules (24 fail, 7 warn), 4 diagnostics}. */
  static String summary(RuleFile file) {
    int rules = 0;
    int fail = 0;
    int diagnostics = 0;
    for (DatasetRules dataset : file.datasets()) {
      rules += dataset.checks().size();
      diagnostics += dataset.diagnostics().size();
      for (Check check : dataset.checks()) {
        fail += check.severity() == Severity.FAIL ? 1 : 0;
      }
    }
    return plural(file.datasets().size(), "dataset")
        + ", "
        + plural(rules, "rule")
        + (rules == 0 ? "" : " (" + fail + " fail, " + (rules - fail) + " warn)")
        + ", "
        + plural(diagnostics, "diagnostic");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
