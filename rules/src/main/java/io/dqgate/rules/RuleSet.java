package io.dqgate.rules;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.RunStages;
import java.util.ArrayList;
import java.util.List;

/** All rule files the gate was given; answers which rules apply to a dataset. */
public record RuleSet(List<RuleFile> files) {
  public static final RuleSet EMPTY = new RuleSet(List.of());

  public RuleSet {
    files = List.copyOf(files);
  }

  /** The dataset blocks, of every file, that match {@code ref}, in file order. */
  public List<DatasetRules> matching(DatasetRef ref) {
    List<DatasetRules> result = new ArrayList<>();
    for (RuleFile file : files) {
      for (DatasetRules dataset : file.datasets()) {
        if (dataset.matches(ref)) {
          result.add(dataset);
        }
      }
    }
    return result;
  }

  /** The dataset blocks that match any name of {@code id}, in file order, each once. */
  public List<DatasetRules> matching(DatasetId id) {
    List<DatasetRules> result = new ArrayList<>();
    for (DatasetRules dataset : datasets()) {
      if (id.refs().stream().anyMatch(dataset::matches)) {
        result.add(dataset);
      }
    }
    return result;
  }

  /** The data checks of every block that matches {@code ref}. */
  public List<Check> checksFor(DatasetRef ref) {
    return matching(ref).stream().flatMap(d -> d.checks().stream()).toList();
  }

  /**
   * The rules, of any block, that read the dataset {@code id} ({@code cross_stage}, {@code
   * references}): its pass computes the metrics they read when the later stage is judged.
   */
  public List<RunStages.Reader> readersOf(DatasetId id) {
    List<RunStages.Reader> readers = new ArrayList<>();
    for (DatasetRules dataset : datasets()) {
      for (Check check : dataset.checks()) {
        if (check instanceof RunStages.Reader c && id.answersTo(c.stage())) {
          readers.add(c);
        }
      }
    }
    return readers;
  }

  /** The diagnostics of every block that matches {@code ref}. */
  public List<Check> diagnosticsFor(DatasetRef ref) {
    return matching(ref).stream().flatMap(d -> d.diagnostics().stream()).toList();
  }

  /** True when any block matches a dataset of this kind (so the gate can skip work early). */
  public boolean hasRulesFor(DatasetRef.Kind kind) {
    return files.stream()
        .flatMap(f -> f.datasets().stream())
        .flatMap(d -> d.matchers().stream())
        .anyMatch(m -> m.kind() == kind);
  }

  public List<DatasetRules> datasets() {
    return files.stream().flatMap(f -> f.datasets().stream()).toList();
  }
}
