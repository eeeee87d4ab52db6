package io.dqgate.rules;

import java.util.List;

/** One parsed, valid rule file. */
public record RuleFile(String source, Severity defaultSeverity, List<DatasetRules> datasets) {
  public RuleFile {
    datasets = List.copyOf(datasets);
  }

  public int ruleCount() {
    return datasets.stream().mapToInt(d -> d.checks().size() + d.diagnostics().size()).sum();
  }
}
