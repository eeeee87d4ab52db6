package io.dqgate.rules;

/** One mistake in a rule file, printed as {@code FILE:LINE:COL: message}. */
public record RuleProblem(SourceLocation at, String message) {
  @Override
  public String toString() {
    return at + ": " + message;
  }
}
