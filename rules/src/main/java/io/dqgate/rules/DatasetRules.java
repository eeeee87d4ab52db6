package io.dqgate.rules;

import io.dqgate.rules.check.Check;
import java.util.List;

/** A dataset block of a rule file: which datasets it matches and the rules that apply to them. */
public record DatasetRules(
    String name,
    List<DatasetMatcher> matchers,
    List<Check> checks,
    List<Check> diagnostics,
    SourceLocation location) {

  public DatasetRules {
    matchers = List.copyOf(matchers);
    checks = List.copyOf(checks);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean matches(DatasetRef ref) {
    return matchers.stream().anyMatch(m -> m.matches(ref));
  }
}
