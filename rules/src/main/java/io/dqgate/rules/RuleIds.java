package io.dqgate.rules;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.RuleMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule ids: derived ({@code dataset.check[.column]}, numbered when repeated) or explicit, and
 * unique in a file and across files.
 */
final class RuleIds {
  private final List<RuleProblem> problems;
  private final Map<String, SourceLocation> explicitIds = new HashMap<>();
  private final Map<String, Integer> derivedIds = new HashMap<>();

  /** Every rule built, with the id its writer gave (null when derived), for the id check. */
  private final List<Built> built = new ArrayList<>();

  private record Built(Check check, String explicitId, SourceLocation idAt) {}

  RuleIds(List<RuleProblem> problems) {
    this.problems = problems;
  }

  /**
   * Notes an explicit id written at {@code idAt} for the rule at {@code at}; reports it if already
   * used.
   */
  void explicit(String explicitId, SourceLocation at, SourceLocation idAt) {
    String used = alreadyUsed(explicitIds, explicitId, at, "rule id", "give each rule its own id");
    if (used != null) {
      problem(idAt, used);
    }
  }

  /**
   * Notes where {@code value} is first used in {@code seen}; when it already was, returns the
   * problem "{@code what} "value" is already used at line N: {@code fix}", else null.
   */
  static String alreadyUsed(
      Map<String, SourceLocation> seen, String value, SourceLocation at, String what, String fix) {
    SourceLocation first = seen.putIfAbsent(value, at);
    return first == null
        ? null
        : what + " \"" + value + "\" is already used at line " + first.line() + ": " + fix;
  }

  /** Notes a rule built, for {@link #checkUnique}. */
  void built(Check check, String explicitId, SourceLocation idAt) {
    built.add(new Built(check, explicitId, idAt));
  }

  /**
   * Ids must be unique in a file. An id given twice is reported where it is written ({@link
   * #explicit}); this catches the rest: an explicit id equal to a derived one, or to one made per
   * column.
   */
  void checkUnique() {
    Map<String, Built> byId = new HashMap<>();
    for (Built b : built) {
      Built first = byId.putIfAbsent(b.check().id(), b);
      if (first == null || (b.explicitId() != null && b.explicitId().equals(first.explicitId()))) {
        continue;
      }
      String where = "line " + first.check().location().line();
      if (b.explicitId() != null && b.idAt() != null) {
        problem(
            b.idAt(),
            "rule id \""
                + b.check().id()
                + "\" is already used at "
                + where
                + ": give each rule its own id");
      } else {
        problem(
            b.check().location(),
            "rule id \""
                + b.check().id()
                + "\", derived from the dataset and check, is already used at "
                + where
                + ": give one of the two rules another id");
      }
    }
  }

  /**
   * An explicit id names the rule; on a rule expanded per column it names the group and each column
   * gets {@code id.column}. Derived ids are {@code dataset.check[.column]}, numbered when repeated.
   */
  RuleMeta meta(
      String explicitId,
      String dataset,
      String keyword,
      String column,
      boolean expanded,
      Severity severity,
      String description,
      SourceLocation at) {
    String id;
    if (explicitId != null) {
      id = expanded ? explicitId + "." + column : explicitId;
    } else {
      String base = dataset + "." + keyword + (column == null ? "" : "." + column);
      int n = derivedIds.merge(base, 1, Integer::sum);
      id = n == 1 ? base : base + "#" + n;
    }
    return new RuleMeta(id, severity, description, at);
  }

  /** Rule ids used in two files: what no single file can see. */
  static List<RuleProblem> acrossFiles(List<RuleFile> files) {
    List<RuleProblem> problems = new ArrayList<>();
    Map<String, SourceLocation> seen = new HashMap<>();
    for (RuleFile file : files) {
      for (DatasetRules dataset : file.datasets()) {
        for (Check check : concat(dataset.checks(), dataset.diagnostics())) {
          SourceLocation first = seen.putIfAbsent(check.id(), check.location());
          if (first != null && !first.file().equals(check.location().file())) {
            boolean derived = check.id().startsWith(dataset.name() + "." + check.keyword());
            problems.add(
                new RuleProblem(
                    check.location(),
                    derived
                        ? "rule id \""
                            + check.id()
                            + "\", derived from the dataset name, is already used at "
                            + first.fileAndLine()
                            + ": rename one of the two datasets or give the rules explicit ids"
                        : "rule id \""
                            + check.id()
                            + "\" is already used at "
                            + first.fileAndLine()
                            + ": give each rule its own id"));
          }
        }
      }
    }
    return problems;
  }

  private static List<Check> concat(List<Check> a, List<Check> b) {
    List<Check> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void problem(SourceLocation at, String message) {
    problems.add(new RuleProblem(at, message));
  }
}
