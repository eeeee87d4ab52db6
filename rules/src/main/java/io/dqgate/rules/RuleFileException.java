package io.dqgate.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files that cannot be used; carries every problem found, not just the first. */
public final class RuleFileException extends RuntimeException {
  private final List<RuleProblem> problems;

  public RuleFileException(List<RuleProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }

  private static String render(List<RuleProblem> problems) {
    long files = problems.stream().map(p -> p.at().file()).distinct().count();
    String header =
        "Cannot use the rule "
            + (files == 1 ? "file" : "files")
            + " because of "
            + problems.size()
            + (problems.size() == 1 ? " problem:" : " problems:");
    return header
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining())
        + "\nFix the lines above (the rule language is described in docs/rules.md) and run"
        + " `./dqgate lint` on the file to check it.";
  }
}
