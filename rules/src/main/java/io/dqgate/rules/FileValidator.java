package io.dqgate.rules;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.CheckKind;
import io.dqgate.rules.check.CheckKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks one file's node tree: the file, its dataset blocks and their {@code match}, and each rule's
 * envelope (one check keyword, {@code id}, {@code severity}, {@code description}); the check's own
 * keys are read by its kind ({@link CheckKind#reader()}). Collects every problem.
 */
final class FileValidator {
  private final String source;
  private final List<RuleProblem> problems;
  private final RuleIds ids;

  FileValidator(String source, List<RuleProblem> problems) {
    this.source = source;
    this.problems = problems;
    this.ids = new RuleIds(problems);
  }

  RuleFile file(SourceNode root) {
    if (!(root instanceof SourceNode.MapNode map)) {
      problem(
          root.at(),
          "a rule file must be a mapping with a \"datasets:\" list, not "
              + root.kind()
              + ": start the file with \"datasets:\"");
      return null;
    }
    Set<String> misspelled = checkKeys(map, Lexicon.FILE_KEYS, "at the top of a rule file");
    SourceNode.Entry version = map.entries().get("version");
    if (version != null && !(scalar(version.value()) instanceof Long l && l == 1)) {
      problem(
          version.value().at(),
          "\"version\" must be 1, not "
              + version.value().kind()
              + ": this dqgate reads version 1 rule files");
    }
    Severity defaultSeverity = severity(map, Severity.FAIL);
    List<DatasetRules> datasets = new ArrayList<>();
    SourceNode.Entry list = map.entries().get("datasets");
    if (list == null) {
      if (!misspelled.contains("datasets")) {
        problem(
            map.at(),
            "missing \"datasets\": list the dataset blocks of this file under \"datasets:\"");
      }
    } else if (isEmpty(list.value())) {
      problem(
          list.keyAt(), "\"datasets\" is empty: add at least one dataset block with its checks");
    } else if (!(list.value() instanceof SourceNode.ListNode items)) {
      problem(
          list.value().at(),
          "\"datasets\" must be a list of dataset blocks (each starting with \"- name:\"), not "
              + list.value().kind());
    } else {
      Map<String, SourceLocation> names = new HashMap<>();
      for (SourceNode item : items.items()) {
        DatasetRules dataset = dataset(item, defaultSeverity, names);
        if (dataset != null) {
          datasets.add(dataset);
        }
      }
    }
    ids.checkUnique();
    return new RuleFile(source, defaultSeverity, datasets);
  }

  private DatasetRules dataset(
      SourceNode node, Severity fileSeverity, Map<String, SourceLocation> names) {
    if (!(node instanceof SourceNode.MapNode map)) {
      problem(
          node.at(),
          "a dataset block must be a mapping with name, match and checks, not " + node.kind());
      return null;
    }
    Set<String> misspelled = checkKeys(map, Lexicon.DATASET_KEYS, "in a dataset block");
    String name = text(map, "name");
    if (name == null && !map.entries().containsKey("name") && !misspelled.contains("name")) {
      problem(
          map.at(),
          "missing \"name\" in a dataset block: add one, e.g. name: orders (reports and rule ids use it)");
    }
    if (name != null) {
      SourceLocation nameAt = map.entries().get("name").value().at();
      String used =
          RuleIds.alreadyUsed(
              names, name, nameAt, "dataset name", "give each dataset block its own name");
      if (used != null) {
        problem(nameAt, used);
      }
    } else {
      name = "dataset@" + map.at().line();
    }
    text(map, "description");
    Severity severity = severity(map, fileSeverity);
    List<DatasetMatcher> matchers = matchers(map, misspelled.contains("match"));
    List<Check> checks = new ArrayList<>();
    List<Check> diagnostics = new ArrayList<>();
    SourceNode.Entry checkList = map.entries().get("checks");
    SourceNode.Entry diagnosticList = map.entries().get("diagnostics");
    if (checkList == null
        && diagnosticList == null
        && !misspelled.contains("checks")
        && !misspelled.contains("diagnostics")) {
      problem(
          map.at(),
          "dataset \"" + name + "\" has no \"checks:\" or \"diagnostics:\": add at least one rule");
    }
    for (SourceNode item : items(checkList, "checks")) {
      checks.addAll(check(item, name, severity, false));
    }
    for (SourceNode item : items(diagnosticList, "diagnostics")) {
      diagnostics.addAll(check(item, name, severity, true));
    }
    return new DatasetRules(name, matchers, checks, diagnostics, map.at());
  }

  private List<DatasetMatcher> matchers(SourceNode.MapNode dataset, boolean misspelled) {
    SourceNode.Entry match = dataset.entries().get("match");
    List<DatasetMatcher> matchers = new ArrayList<>();
    if (match == null && misspelled) {
      return matchers;
    }
    if (match == null) {
      problem(
          dataset.at(),
          "missing \"match\": say which datasets these rules are for, e.g. match: {path: out/orders}"
              + " (keys: path, table, view, stage)");
      return matchers;
    }
    List<SourceNode> blocks =
        match.value() instanceof SourceNode.ListNode l ? l.items() : List.of(match.value());
    boolean anyKey = false;
    for (SourceNode block : blocks) {
      if (!(block instanceof SourceNode.MapNode map)) {
        problem(
            block.at(),
            "\"match\" must map path, table, view or stage to names, e.g. {path: out/orders}, not "
                + block.kind());
        anyKey = true;
        continue;
      }
      checkKeys(map, Lexicon.MATCH_KEYS, "in \"match\"");
      anyKey |= !map.entries().isEmpty();
      for (var e : map.entries().entrySet()) {
        if (!Lexicon.MATCH_KEYS.contains(e.getKey())) {
          continue;
        }
        DatasetRef.Kind kind = DatasetRef.Kind.valueOf(e.getKey().toUpperCase(Locale.ROOT));
        for (String pattern : textOrList(e.getValue().value(), e.getKey())) {
          matchers.add(new DatasetMatcher(kind, pattern));
        }
      }
    }
    if (!anyKey) {
      problem(match.keyAt(), "\"match\" names no dataset: give a path, table, view or stage");
    }
    return matchers;
  }

  private List<SourceNode> items(SourceNode.Entry entry, String key) {
    if (entry == null) {
      return List.of();
    }
    if (isEmpty(entry.value())) {
      problem(entry.keyAt(), "\"" + key + "\" is empty: list at least one rule or remove the key");
      return List.of();
    }
    if (entry.value() instanceof SourceNode.ListNode list) {
      return list.items();
    }
    problem(
        entry.value().at(),
        "\""
            + key
            + "\" must be a list of rules, each starting with \"- \", not "
            + entry.value().kind());
    return List.of();
  }

  /**
   * One list item; a per-column check with a {@code columns:} list may yield one rule per column.
   */
  private List<Check> check(
      SourceNode node, String dataset, Severity inherited, boolean diagnostic) {
    String example =
        diagnostic ? "\"- spill: {max_bytes: 1GB}\"" : "\"- not_null: {column: user_id}\"";
    if (!(node instanceof SourceNode.MapNode map)) {
      problem(
          node.at(),
          "a rule must be a mapping from the check to its settings, e.g. "
              + example
              + ", not "
              + node.kind());
      return List.of();
    }
    if (map.entries().size() != 1) {
      problem(
          node.at(),
          "a rule must have one key, the check, not "
              + map.entries().size()
              + (map.entries().isEmpty()
                  ? ""
                  : " (" + String.join(", ", map.entries().keySet()) + ")")
              + ": put the settings inside the check, e.g. "
              + example);
      return List.of();
    }
    var only = map.entries().entrySet().iterator().next();
    String keyword = only.getKey();
    SourceLocation at = only.getValue().keyAt();
    CheckKind<?> kind = CheckKinds.of(keyword);
    if (kind == null || kind.diagnostic() != diagnostic) {
      if (kind != null) {
        problem(
            at,
            "\""
                + keyword
                + "\" is a "
                + (diagnostic
                    ? "data check: move it under \"checks:\""
                    : "diagnostic: move it under \"diagnostics:\""));
      } else {
        problem(
            at,
            "unknown "
                + (diagnostic ? "diagnostic" : "check")
                + " \""
                + keyword
                + "\""
                + Lexicon.suggest(keyword, new TreeSet<>(CheckKinds.keys(diagnostic).keySet())));
      }
      return List.of();
    }
    SourceNode body = only.getValue().value();
    SourceNode.MapNode params;
    if (body instanceof SourceNode.MapNode m) {
      params = m;
    } else if (body instanceof SourceNode.Scalar s && s.value() == null) {
      params = new SourceNode.MapNode(body.at(), Map.of());
    } else {
      problem(
          body.at(),
          "the settings of \""
              + keyword
              + "\" must be a mapping, e.g. "
              + (diagnostic ? keyword + ": {...}" : keyword + ": {column: ...}")
              + ", not "
              + body.kind());
      return List.of();
    }
    List<String> allowed = new ArrayList<>(kind.keys());
    allowed.addAll(Lexicon.COMMON_KEYS);
    Set<String> misspelled = checkKeys(params, allowed, "in \"" + keyword + "\"");
    Severity severity = severity(params, inherited);
    String description = text(params, "description");
    String explicitId = text(params, "id");
    SourceLocation idAt = explicitId == null ? null : params.entries().get("id").value().at();
    if (explicitId != null) {
      ids.explicit(explicitId, at, idAt);
    }
    CheckReader reader =
        new CheckReader(
            params,
            keyword,
            at,
            misspelled,
            problems,
            (column, expanded) ->
                ids.meta(
                    explicitId, dataset, keyword, column, expanded, severity, description, at));
    List<Check> result = new ArrayList<>(kind.reader().read(reader));
    for (Check check : result) {
      ids.built(check, explicitId, idAt);
    }
    return result;
  }

  private Severity severity(SourceNode.MapNode map, Severity inherited) {
    SourceNode.Entry entry = map.entries().get("severity");
    if (entry == null) {
      return inherited;
    }
    Object v = scalar(entry.value());
    if (v instanceof String s) {
      for (Severity severity : Severity.values()) {
        if (severity.keyword().equals(s)) {
          return severity;
        }
      }
    }
    problem(
        entry.value().at(),
        "\"severity\" must be \"warn\" or \"fail\", not " + entry.value().kind());
    return inherited;
  }

  /** Reports unknown keys; returns the keys suggested for them (a typo of a key it then lacks). */
  private Set<String> checkKeys(SourceNode.MapNode map, List<String> allowed, String where) {
    Set<String> suggested = new HashSet<>();
    for (var e : map.entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problem(
            e.getValue().keyAt(),
            "unknown key \"" + e.getKey() + "\" " + where + Lexicon.suggest(e.getKey(), allowed));
        String close = Lexicon.closest(e.getKey(), allowed);
        if (close != null) {
          suggested.add(close);
        }
      }
    }
    return suggested;
  }

  private String text(SourceNode.MapNode map, String key) {
    return CheckReader.text(map, key, problems);
  }

  private List<String> textOrList(SourceNode node, String key) {
    List<String> result = new ArrayList<>();
    List<SourceNode> items = node instanceof SourceNode.ListNode l ? l.items() : List.of(node);
    if (items.isEmpty()) {
      problem(node.at(), "\"" + key + "\" is an empty list: give at least one name");
    }
    for (SourceNode item : items) {
      if (scalar(item) instanceof String s && !s.isBlank()) {
        result.add(s);
      } else {
        problem(item.at(), "\"" + key + "\" must be a name or a list of names, not " + item.kind());
      }
    }
    return result;
  }

  private static boolean isEmpty(SourceNode node) {
    return node instanceof SourceNode.Scalar s && s.value() == null
        || node instanceof SourceNode.ListNode l && l.items().isEmpty();
  }

  private static Object scalar(SourceNode node) {
    return CheckReader.scalar(node);
  }

  private void problem(SourceLocation at, String message) {
    problems.add(new RuleProblem(at, message));
  }
}
