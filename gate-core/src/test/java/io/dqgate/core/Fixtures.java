package io.dqgate.core;

import io.dqgate.rules.RuleParser;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.check.Check;
import java.util.List;

/** Rule files written inline, as a data owner would. */
final class Fixtures {
  private Fixtures() {}

  /** A rule set with one dataset block matching stage {@code stage}, with the given check lines. */
  static RuleSet rules(String stage, String... checks) {
    StringBuilder yaml =
        new StringBuilder(
            "datasets:\n  - name: " + stage + "\n    match: {stage: " + stage + "}\n    checks:\n");
    for (String check : checks) {
      yaml.append("      - ").append(check).append('\n');
    }
    return new RuleSet(List.of(RuleParser.parse("rules/test.yaml", yaml.toString())));
  }

  static List<Check> checks(String... checks) {
    return rules("t", checks).checksFor(io.dqgate.rules.DatasetRef.stage("t"));
  }
}
