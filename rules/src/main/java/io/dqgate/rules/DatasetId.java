package io.dqgate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything a job calls one dataset: its names (a table, a temp view, a path, a stage; the first
 * is the one lineage events use) and, once rules matched it, the names of the matching rule blocks.
 * Two identities that share a name are the same dataset (a view written to a path is one node).
 *
 * <p>This is the one type for a dataset's identity in results, diagnostics, lineage and reports; it
 * is printed by {@link #title()}, {@link #names()} and {@link #label()} and never parsed back from
 * text.
 *
 * @param rule the matching rule blocks' names, comma separated, or null when no rule matched
 * @param refs every name, without duplicates, the primary first
 */
public record DatasetId(String rule, List<DatasetRef> refs) {

  public DatasetId {
    if (refs == null || refs.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot create a dataset identity because it has no name: pass one ref");
    }
    refs = List.copyOf(new java.util.LinkedHashSet<>(refs));
    rule = rule == null || rule.isEmpty() ? null : rule;
  }

  public static DatasetId of(DatasetRef primary, DatasetRef... more) {
    List<DatasetRef> refs = new ArrayList<>();
    refs.add(primary);
    refs.addAll(List.of(more));
    return new DatasetId(null, refs);
  }

  /** The name lineage events use: the table when written to one, else the path, view or stage. */
  public DatasetRef primary() {
    return refs.get(0);
  }

  /** This identity with one more name (kept last; no change when it is already known). */
  public DatasetId with(DatasetRef ref) {
    List<DatasetRef> all = new ArrayList<>(refs);
    all.add(ref);
    return new DatasetId(rule, all);
  }

  /** This identity named after the rule blocks {@code rules} matched to it. */
  public DatasetId matchedIn(RuleSet rules) {
    String names =
        rules.matching(this).stream()
            .map(DatasetRules::name)
            .distinct()
            .collect(Collectors.joining(", "));
    return new DatasetId(names.isEmpty() ? rule : names, refs);
  }

  /** True when both identities share a name: they are the same dataset. */
  public boolean overlaps(DatasetId other) {
    return other != null && other.refs.stream().anyMatch(refs::contains);
  }

  /**
   * True when a rule file's {@code name} names this dataset: one of its rule blocks is called so
   * (case-insensitive), or one of its names matches {@code name} the way a {@code match} entry of
   * that kind would (a view, stage or table name, a path glob such as {@code output/bronze}).
   */
  public boolean answersTo(String name) {
    if (name == null || name.isBlank()) {
      return false;
    }
    if (rule != null) {
      for (String block : rule.split(", ")) {
        if (block.equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    for (DatasetRef ref : refs) {
      if (new DatasetMatcher(ref.kind(), name).matches(ref)) {
        return true;
      }
    }
    return false;
  }

  public boolean has(DatasetRef ref) {
    return refs.contains(ref);
  }

  /** How people call it: the rule name, or the primary name when no rule matched. */
  public String title() {
    return rule != null ? rule : primary().name();
  }

  /** Every name, as {@code view x, path /p}. */
  public String names() {
    return refs.stream().map(DatasetRef::toString).collect(Collectors.joining(", "));
  }

  /**
   * The rule name first, then its names: {@code bronze (view bronze_transactions, path
   * /out/bronze)}.
   */
  public String label() {
    return rule == null ? names() : rule + " (" + names() + ")";
  }

  @Override
  public String toString() {
    return label();
  }
}
