package io.dqgate.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses and validates rule files (YAML, or JSON for files ending in {@code .json}; same model).
 *
 * <p>Validation reports every problem of a file at once, each as {@code FILE:LINE:COL: what is wrong:
 * how to fix it}, and throws {@link RuleFileException} if there is any: a rule file is used whole or
 * not at all.
 */
public final class RuleParser {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern TYPE_NAME = Pattern.compile("([a-z_]+)(\\(.*\\)|<.*>)?");
  private static final Pattern DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");
  /** What SnakeYAML calls a construct that can be left open, as a person says it, and its closer. */
  private static final Map<String, String[]> UNCLOSED =
      Map.of(
          "flow sequence", new String[] {"the list opened with \"[\" here", "\"]\""},
          "flow mapping", new String[] {"the mapping opened with \"{\" here", "\"}\""},
          "quoted scalar", new String[] {"the quoted text that starts here", "quote"});
  private static final Pattern RESERVED = Pattern.compile("found character '(.)' that cannot start any token");
  private static final Pattern JSON_TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
  private static final Pattern JSON_UNCLOSED =
      Pattern.compile(
          "Unexpected end-of-input: expected close marker for (Array|Object)"
              + " \\(start marker at line (\\d+), column (\\d+)\\)");
  private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");

  private RuleParser() {}

  /**
   * Reads and parses local rule files; all problems of all files are reported together, including a
   * rule id used in two files.
   */
  public static RuleSet load(List<Path> files) {
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleFile> parsed = read(files, problems);
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new RuleSet(parsed);
  }

  /**
   * Puts rule files parsed one by one ({@link #parse}) together, checking what no single file can: that
   * no rule id is used in two files.
   */
  public static RuleSet combine(List<RuleFile> files) {
    List<RuleProblem> problems = duplicateIdsAcrossFiles(files);
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new RuleSet(files);
  }

  /** The valid files among {@code files}; the problems of the others, and across files, go to {@code problems}. */
  static List<RuleFile> read(List<Path> files, List<RuleProblem> problems) {
    List<RuleFile> parsed = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        problems.add(
            new RuleProblem(
                new SourceLocation(file.toString(), 0, 0),
                "cannot read the rule file because "
                    + describe(file, e)
                    + ": check the path given to spark.dqgate.rules or ./dqgate lint"));
        continue;
      }
      try {
        parsed.add(parse(file.toString(), text));
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
      }
    }
    problems.addAll(duplicateIdsAcrossFiles(parsed));
    return parsed;
  }

  /** Parses one rule file's text; {@code source} names it in errors and in every rule's location. */
  public static RuleFile parse(String source, String text) {
    List<RuleProblem> problems = new ArrayList<>();
    SourceNode root = readTree(source, text, problems);
    RuleFile file = null;
    if (root != null) {
      // Duplicate keys do not stop validation: the first value of a key is validated.
      file = new Validator(source, problems).file(root);
    }
    if (!problems.isEmpty()) {
      problems.sort(
          (a, b) ->
              a.at().line() != b.at().line()
                  ? Integer.compare(a.at().line(), b.at().line())
                  : Integer.compare(a.at().column(), b.at().column()));
      throw new RuleFileException(problems);
    }
    return file;
  }

  private static SourceNode readTree(String source, String text, List<RuleProblem> problems) {
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    JsonFactory factory = json ? JSON : YAML;
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(
            new RuleProblem(
                new SourceLocation(source, 1, 1),
                "the file is empty: a rule file needs a \"datasets:\" list (see docs/rules.md)"));
        return null;
      }
      SourceNode root = SourceNode.read(parser, source, problems);
      if (parser.nextToken() != null) {
        problems.add(
            new RuleProblem(
                new SourceLocation(source, parser.currentTokenLocation().getLineNr(), 1),
                "only one document per rule file is supported: remove the extra \"---\" document"));
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(json ? jsonProblem(source, e) : yamlProblem(source, e));
      return null;
    } catch (IOException | RuntimeException e) {
      problems.add(
          new RuleProblem(
              new SourceLocation(source, 1, 1),
              "the file is not valid " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getMessage())));
      return null;
    }
  }

  private static RuleProblem jsonProblem(String source, JsonProcessingException e) {
    var loc = e.getLocation();
    int line = loc == null ? 1 : Math.max(loc.getLineNr(), 1);
    int column = loc == null ? 1 : Math.max(loc.getColumnNr(), 1);
    // Jackson points just past the character or word it did not expect.
    Matcher token = JSON_TOKEN.matcher(e.getOriginalMessage());
    if (e.getOriginalMessage().startsWith("Unexpected character")) {
      column = Math.max(1, column - 1);
    } else if (token.lookingAt()) {
      column = Math.max(1, column - token.group(1).length());
    }
    String message =
        e.getOriginalMessage()
            .replaceAll("(?s)\\[Source: .*?; line: (\\d+), column: (\\d+)]", "line $1, column $2")
            .replaceAll("\\s+", " ")
            .trim();
    Matcher unclosed = JSON_UNCLOSED.matcher(message);
    if (unclosed.matches()) {
      boolean list = unclosed.group(1).equals("Array");
      return new RuleProblem(
          new SourceLocation(source, Integer.parseInt(unclosed.group(2)), Integer.parseInt(unclosed.group(3))),
          "the file is not valid JSON: the " + (list ? "list opened with \"[\"" : "object opened with \"{\"")
              + " here is never closed: add the missing " + (list ? "\"]\"" : "\"}\""));
    }
    return new RuleProblem(
        new SourceLocation(source, line, column),
        "the file is not valid JSON: " + message + ": check the commas, quotes and brackets");
  }

  /** SnakeYAML's problem and context, said in the rule-file way, at the place to fix. */
  private static RuleProblem yamlProblem(String source, JsonProcessingException e) {
    if (!(e.getCause() instanceof MarkedYAMLException y) || y.getProblemMark() == null) {
      var loc = e.getLocation();
      int line = loc == null ? 1 : Math.max(loc.getLineNr(), 1);
      int column = loc == null ? 1 : Math.max(loc.getColumnNr(), 1);
      return new RuleProblem(
          new SourceLocation(source, line, column),
          "the file is not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
    String problem = y.getProblem() == null ? "" : y.getProblem().trim();
    String context = y.getContext();
    Mark contextMark = y.getContextMark();
    // "while parsing a flow sequence" -> "flow sequence"; other contexts say nothing useful.
    String what =
        context != null && context.matches("while (parsing|scanning) an? .*")
            ? context.replaceFirst("while (parsing|scanning) an? ", "")
            : null;
    if (problem.contains("(TAB)")) {
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: a tab is used for indentation here: indent with spaces");
    }
    Matcher reserved = RESERVED.matcher(problem);
    if (reserved.lookingAt()) {
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: a value cannot start with \"" + reserved.group(1) + "\": put it in quotes");
    }
    boolean atEnd = problem.contains("<stream end>") || problem.contains("end of stream");
    if (atEnd && contextMark != null && what != null && UNCLOSED.containsKey(what)) {
      String thing = UNCLOSED.get(what)[0];
      String closer = UNCLOSED.get(what)[1];
      return new RuleProblem(
          at(source, contextMark),
          "the file is not valid YAML: " + thing + " is never closed: add the missing " + closer);
    }
    if (problem.startsWith("expected ',' or ") && contextMark != null
        && ("flow sequence".equals(what) || "flow mapping".equals(what))) {
      boolean list = what.equals("flow sequence");
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: the " + (list ? "list opened with \"[\"" : "mapping opened with \"{\"")
              + " at line " + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1)
              + " is not closed before this: add the missing " + (list ? "\"]\"" : "\"}\"")
              + ", or a \",\" between its items");
    }
    if (problem.startsWith("expected <block end>") && contextMark != null) {
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: the indentation here does not fit the block at line "
              + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1)
              + ": start the keys of one mapping, and the \"- \" of one list, in the same column");
    }
    if (problem.startsWith("mapping values are not allowed")) {
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: a \": \" here cannot start a mapping: fix the indentation, or quote"
              + " text that contains \": \"");
    }
    String in =
        what != null && contextMark != null
            ? " (in the " + what + " at line " + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1) + ")"
            : "";
    return new RuleProblem(
        at(source, y.getProblemMark()),
        "the file is not valid YAML: " + problem + in + ": check the indentation, quotes and brackets");
  }

  private static SourceLocation at(String source, Mark mark) {
    return new SourceLocation(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.strip().split("\\R", 2)[0];
  }

  private static List<RuleProblem> duplicateIdsAcrossFiles(List<RuleFile> files) {
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
                        ? "rule id \"" + check.id() + "\", derived from the dataset name, is already used at "
                            + first.fileAndLine()
                            + ": rename one of the two datasets or give the rules explicit ids"
                        : "rule id \"" + check.id() + "\" is already used at " + first.fileAndLine()
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

  private static String describe(Path file, Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission is denied";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /** Walks the node tree, building records and collecting problems. One per file. */
  private static final class Validator {
    private final String source;
    private final List<RuleProblem> problems;
    private final Map<String, SourceLocation> explicitIds = new HashMap<>();
    private final Map<String, Integer> derivedIds = new HashMap<>();
    /** Every rule built, with the id its writer gave (null when derived), for the id check. */
    private final List<Built> built = new ArrayList<>();

    private record Built(Check check, String explicitId, SourceLocation idAt) {}

    Validator(String source, List<RuleProblem> problems) {
      this.source = source;
      this.problems = problems;
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
            "\"version\" must be 1, not " + version.value().kind() + ": this dqgate reads version 1 rule files");
      }
      Severity defaultSeverity = severity(map, Severity.FAIL);
      List<DatasetRules> datasets = new ArrayList<>();
      SourceNode.Entry list = map.entries().get("datasets");
      if (list == null) {
        if (!misspelled.contains("datasets")) {
          problem(map.at(), "missing \"datasets\": list the dataset blocks of this file under \"datasets:\"");
        }
      } else if (isEmpty(list.value())) {
        problem(list.keyAt(), "\"datasets\" is empty: add at least one dataset block with its checks");
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
      checkIds();
      return new RuleFile(source, defaultSeverity, datasets);
    }

    private DatasetRules dataset(SourceNode node, Severity fileSeverity, Map<String, SourceLocation> names) {
      if (!(node instanceof SourceNode.MapNode map)) {
        problem(node.at(), "a dataset block must be a mapping with name, match and checks, not " + node.kind());
        return null;
      }
      Set<String> misspelled = checkKeys(map, Lexicon.DATASET_KEYS, "in a dataset block");
      String name = text(map, "name");
      if (name == null && !map.entries().containsKey("name") && !misspelled.contains("name")) {
        problem(map.at(), "missing \"name\" in a dataset block: add one, e.g. name: orders (reports and rule ids use it)");
      }
      if (name != null) {
        SourceLocation nameAt = map.entries().get("name").value().at();
        SourceLocation first = names.putIfAbsent(name, nameAt);
        if (first != null) {
          problem(
              nameAt,
              "dataset name \"" + name + "\" is already used at line " + first.line()
                  + ": give each dataset block its own name");
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
      if (checkList == null && diagnosticList == null
          && !misspelled.contains("checks") && !misspelled.contains("diagnostics")) {
        problem(map.at(), "dataset \"" + name + "\" has no \"checks:\" or \"diagnostics:\": add at least one rule");
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
              "\"match\" must map path, table, view or stage to names, e.g. {path: out/orders}, not " + block.kind());
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
          "\"" + key + "\" must be a list of rules, each starting with \"- \", not " + entry.value().kind());
      return List.of();
    }

    /** One list item; expands a {@code columns:} list of per-column checks into one rule per column. */
    private List<Check> check(SourceNode node, String dataset, Severity inherited, boolean diagnostic) {
      String example = diagnostic ? "\"- spill: {max_bytes: 1GB}\"" : "\"- not_null: {column: user_id}\"";
      if (!(node instanceof SourceNode.MapNode map)) {
        problem(node.at(), "a rule must be a mapping from the check to its settings, e.g. " + example + ", not " + node.kind());
        return List.of();
      }
      if (map.entries().size() != 1) {
        problem(
            node.at(),
            "a rule must have one key, the check, not "
                + map.entries().size()
                + (map.entries().isEmpty() ? "" : " (" + String.join(", ", map.entries().keySet()) + ")")
                + ": put the settings inside the check, e.g. "
                + example);
        return List.of();
      }
      var only = map.entries().entrySet().iterator().next();
      String keyword = only.getKey();
      SourceLocation at = only.getValue().keyAt();
      Map<String, List<String>> own = diagnostic ? Lexicon.DIAGNOSTIC_KEYS : Lexicon.CHECK_KEYS;
      Map<String, List<String>> other = diagnostic ? Lexicon.CHECK_KEYS : Lexicon.DIAGNOSTIC_KEYS;
      if (!own.containsKey(keyword)) {
        if (other.containsKey(keyword)) {
          problem(
              at,
              "\"" + keyword + "\" is a "
                  + (diagnostic ? "data check: move it under \"checks:\"" : "diagnostic: move it under \"diagnostics:\""));
        } else {
          problem(
              at,
              "unknown " + (diagnostic ? "diagnostic" : "check") + " \"" + keyword + "\""
                  + Lexicon.suggest(keyword, new TreeSet<>(own.keySet())));
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
            "the settings of \"" + keyword + "\" must be a mapping, e.g. "
                + (diagnostic ? keyword + ": {...}" : keyword + ": {column: ...}")
                + ", not " + body.kind());
        return List.of();
      }
      List<String> allowed = new ArrayList<>(own.get(keyword));
      allowed.addAll(Lexicon.COMMON_KEYS);
      Set<String> misspelled = checkKeys(params, allowed, "in \"" + keyword + "\"");
      Params p = new Params(params, keyword, at, misspelled);
      Severity severity = severity(params, inherited);
      String description = text(params, "description");
      String explicitId = text(params, "id");
      SourceLocation idAt = explicitId == null ? null : params.entries().get("id").value().at();
      if (explicitId != null) {
        SourceLocation first = explicitIds.putIfAbsent(explicitId, at);
        if (first != null) {
          problem(idAt, "rule id \"" + explicitId + "\" is already used at line " + first.line() + ": give each rule its own id");
        }
      }
      List<Check> result = new ArrayList<>();
      switch (keyword) {
        case "not_null" -> {
          Limit limit = p.limit();
          List<String> columns = p.columns(true);
          for (String column : columns) {
            result.add(
                new Check.NotNull(
                    meta(explicitId, dataset, keyword, column, columns.size() > 1, severity, description, at),
                    column,
                    limit));
          }
        }
        case "unique", "duplicates" -> {
          List<String> columns = p.columns(keyword.equals("unique"));
          Limit limit = p.limit();
          if (!keyword.equals("unique") || !columns.isEmpty()) {
            result.add(
                new Check.Duplicates(
                    meta(explicitId, dataset, keyword, columns.isEmpty() ? null : String.join(",", columns), severity, description, at),
                    keyword,
                    columns,
                    limit));
          }
        }
        case "range" -> {
          String column = p.column();
          Object min = p.bound("min");
          Object max = p.bound("max");
          boolean minInclusive = p.bool("min_inclusive", true);
          boolean maxInclusive = p.bool("max_inclusive", true);
          if (!p.has("min") && !p.has("max")) {
            p.needs("\"min\", \"max\" or both", "add at least one bound, e.g. min: 0");
          }
          if (min instanceof BigDecimal a && max instanceof BigDecimal b || min instanceof String && max instanceof String) {
            int order = compareBounds(min, max);
            if (order > 0) {
              problem(
                  p.at("min"),
                  min instanceof String
                      ? "min \"" + min + "\" is after max \"" + max + "\": swap them"
                      : "min " + Check.quote(min) + " is greater than max " + Check.quote(max) + ": swap them");
            } else if (order == 0 && (!minInclusive || !maxInclusive)) {
              problem(
                  p.at(!minInclusive ? "min_inclusive" : "max_inclusive"),
                  "the range " + Check.Range.interval(min, max, minInclusive, maxInclusive)
                      + " contains no value: make both bounds inclusive or widen the range");
            }
          } else if (min != null && max != null) {
            problem(
                p.at("max"),
                "\"min\" is " + (min instanceof String ? "a date" : "a number") + " but \"max\" is "
                    + (max instanceof String ? "a date" : "a number") + ": give both as numbers or both as dates");
          }
          result.add(
              new Check.Range(
                  meta(explicitId, dataset, keyword, column, severity, description, at),
                  column, min, max, minInclusive, maxInclusive, p.limit()));
        }
        case "iqr_outliers" -> {
          String column = p.column();
          double k = p.positive("k", Check.IqrOutliers.DEFAULT_K);
          result.add(new Check.IqrOutliers(meta(explicitId, dataset, keyword, column, severity, description, at), column, k, p.limit()));
        }
        case "row_count" -> {
          Long min = p.count("min");
          Long max = p.count("max");
          if (!p.has("min") && !p.has("max")) {
            p.needs("\"min\", \"max\" or both", "add at least one bound, e.g. min: 1");
          }
          if (min != null && max != null && min > max) {
            problem(p.at("min"), "min " + min + " is greater than max " + max + ": swap them");
          }
          result.add(new Check.RowCount(meta(explicitId, dataset, keyword, null, severity, description, at), min, max));
        }
        case "allowed_values" -> {
          String column = p.column();
          List<Object> values = p.values("values");
          result.add(new Check.AllowedValues(meta(explicitId, dataset, keyword, column, severity, description, at), column, values, p.limit()));
        }
        case "expression" -> {
          String sql = p.text("sql");
          if (!p.has("sql")) {
            p.needs("\"sql\"", "add the condition each row must meet, e.g. sql: \"amount >= 0\"");
          }
          Double minFraction = p.fraction("min_fraction");
          result.add(
              new Check.Expression(
                  meta(explicitId, dataset, keyword, null, severity, description, at),
                  sql == null ? "" : sql,
                  minFraction == null ? 1.0 : minFraction));
        }
        case "schema" -> {
          Map<String, String> columns = p.types("columns");
          result.add(new Check.Schema(meta(explicitId, dataset, keyword, null, severity, description, at), columns, p.bool("allow_extra", true)));
        }
        case "partition_skew" -> {
          String metric = p.text("metric");
          if (metric == null) {
            metric = Check.PartitionSkew.DEFAULT_METRIC;
          } else if (!metric.equals("bytes") && !metric.equals("time")) {
            problem(
                p.at("metric"),
                "\"metric\" must be \"bytes\" (shuffle-read bytes) or \"time\" (task run time), not "
                    + p.node("metric").kind());
          }
          double ratio = p.positive("max_ratio", Check.PartitionSkew.DEFAULT_MAX_RATIO);
          if (ratio < 1) {
            problem(
                p.at("max_ratio"),
                "\"max_ratio\" must be at least 1, not " + Formats.number(ratio)
                    + ": it is the largest task divided by the median task");
          }
          Long minBytes = p.size("min_bytes");
          Long minMillis = p.count("min_millis");
          result.add(
              new Check.PartitionSkew(
                  meta(explicitId, dataset, keyword, null, severity, description, at),
                  metric,
                  ratio,
                  minBytes == null ? Check.PartitionSkew.DEFAULT_MIN_BYTES : minBytes,
                  minMillis == null ? Check.PartitionSkew.DEFAULT_MIN_MILLIS : minMillis));
        }
        case "partitions" -> {
          Integer min = p.intCount("min");
          Integer max = p.intCount("max");
          if (min != null && max != null && min > max) {
            problem(p.at("min"), "min " + min + " is greater than max " + max + ": swap them");
          }
          Double empty = p.fraction("max_empty_fraction");
          if (!p.has("min") && !p.has("max") && !p.has("max_empty_fraction")) {
            p.needs("\"min\", \"max\" or \"max_empty_fraction\"", "add at least one limit, e.g. max: 2000");
          }
          result.add(new Check.Partitions(meta(explicitId, dataset, keyword, null, severity, description, at), min, max, empty));
        }
        case "spill" -> {
          Long maxBytes = p.size("max_bytes");
          result.add(
              new Check.Spill(
                  meta(explicitId, dataset, keyword, null, severity, description, at),
                  maxBytes == null ? Check.Spill.DEFAULT_MAX_BYTES : maxBytes));
        }
        case "small_files" -> {
          Long minAvg = p.size("min_avg_bytes");
          Integer minFiles = p.intCount("min_files");
          result.add(
              new Check.SmallFiles(
                  meta(explicitId, dataset, keyword, null, severity, description, at),
                  minAvg == null ? Check.SmallFiles.DEFAULT_MIN_AVG_BYTES : minAvg,
                  minFiles == null ? Check.SmallFiles.DEFAULT_MIN_FILES : minFiles));
        }
        default -> throw new IllegalStateException("unhandled check " + keyword);
      }
      for (Check check : result) {
        built.add(new Built(check, explicitId, idAt));
      }
      return result;
    }

    /** 1.5E+3 as 1500: a number as written, never with a negative scale, so it prints and compares plainly. */
    private static BigDecimal plain(BigDecimal d) {
      return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** Dates compare as written, with "T" and " " between date and time alike. */
    private static int compareBounds(Object min, Object max) {
      if (min instanceof BigDecimal a) {
        return a.compareTo((BigDecimal) max);
      }
      return ((String) min).replace('T', ' ').compareTo(((String) max).replace('T', ' '));
    }

    /**
     * Ids must be unique in a file. An id given twice is reported where it is written ({@link #check});
     * this catches the rest: an explicit id equal to a derived one, or to one made per column.
     */
    private void checkIds() {
      Map<String, Built> byId = new HashMap<>();
      for (Built b : built) {
        Built first = byId.putIfAbsent(b.check().id(), b);
        if (first == null || (b.explicitId() != null && b.explicitId().equals(first.explicitId()))) {
          continue;
        }
        String where = "line " + first.check().location().line();
        if (b.explicitId() != null && b.idAt() != null) {
          problem(b.idAt(), "rule id \"" + b.check().id() + "\" is already used at " + where + ": give each rule its own id");
        } else {
          problem(
              b.check().location(),
              "rule id \"" + b.check().id() + "\", derived from the dataset and check, is already used at "
                  + where + ": give one of the two rules another id");
        }
      }
    }

    private RuleMeta meta(
        String explicitId, String dataset, String keyword, String column, Severity severity, String description, SourceLocation at) {
      return meta(explicitId, dataset, keyword, column, false, severity, description, at);
    }

    /**
     * An explicit id names the rule; on a rule expanded per column it names the group and each column
     * gets {@code id.column}. Derived ids are {@code dataset.check[.column]}, numbered when repeated.
     */
    private RuleMeta meta(
        String explicitId, String dataset, String keyword, String column, boolean expanded,
        Severity severity, String description, SourceLocation at) {
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
      problem(entry.value().at(), "\"severity\" must be \"warn\" or \"fail\", not " + entry.value().kind());
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

    /** An optional non-empty text; null (and a problem) when it is something else. */
    private String text(SourceNode.MapNode map, String key) {
      SourceNode.Entry entry = map.entries().get(key);
      if (entry == null) {
        return null;
      }
      if (scalar(entry.value()) instanceof String s && !s.isBlank()) {
        return s;
      }
      problem(entry.value().at(), "\"" + key + "\" must be a non-empty text, not " + entry.value().kind());
      return null;
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

    private Object scalar(SourceNode node) {
      return node instanceof SourceNode.Scalar s ? s.value() : node;
    }

    private void problem(SourceLocation at, String message) {
      problems.add(new RuleProblem(at, message));
    }

    /** Typed access to one check's settings; wrong types become problems and yield null. */
    private final class Params {
      private final SourceNode.MapNode map;
      private final String keyword;
      private final SourceLocation checkAt;
      /** Keys written misspelled (and reported so): not reported again as missing. */
      private final Set<String> misspelled;

      Params(SourceNode.MapNode map, String keyword, SourceLocation checkAt, Set<String> misspelled) {
        this.map = map;
        this.keyword = keyword;
        this.checkAt = checkAt;
        this.misspelled = misspelled;
      }

      boolean has(String key) {
        return map.entries().containsKey(key);
      }

      SourceNode node(String key) {
        SourceNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
      }

      /** Where the value of {@code key} is written. */
      SourceLocation at(String key) {
        return node(key).at();
      }

      /**
       * A missing required key ({@code what} names it, or the alternatives, in quotes), reported at the
       * check's keyword unless it was written misspelled.
       */
      void needs(String what, String fix) {
        for (String key : misspelled) {
          if (what.contains("\"" + key + "\"")) {
            return;
          }
        }
        problem(checkAt, "\"" + keyword + "\" needs " + what + ": " + fix);
      }

      String text(String key) {
        return Validator.this.text(map, key);
      }

      /** The required {@code column}. */
      String column() {
        if (!has("column")) {
          needs("\"column\"", "add the column to check, e.g. column: amount");
          return null;
        }
        return text("column");
      }

      /** {@code column: x} or {@code columns: [x, y]}, exactly one of them. */
      List<String> columns(boolean required) {
        SourceNode one = node("column");
        SourceNode many = node("columns");
        if (one != null && many != null) {
          problem(many.at(), "both \"column\" and \"columns\" are given: keep one of them");
          return List.of();
        }
        if (one != null) {
          String c = text("column");
          return c == null ? List.of() : List.of(c);
        }
        if (many != null) {
          if (!(many instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
            problem(many.at(), "\"columns\" must be a non-empty list of column names, e.g. [order_id, line_no], not " + many.kind());
            return List.of();
          }
          Set<String> names = new LinkedHashSet<>();
          for (SourceNode item : list.items()) {
            if (!(scalar(item) instanceof String s) || s.isBlank()) {
              problem(item.at(), "\"columns\" must list column names, not " + item.kind());
            } else if (!names.add(s)) {
              problem(item.at(), "\"columns\" lists \"" + s + "\" twice: remove the repeat");
            }
          }
          return List.copyOf(names);
        }
        if (required) {
          needs("\"column\" or \"columns\"", "add the column to check, e.g. column: user_id");
        }
        return List.of();
      }

      Limit limit() {
        return new Limit(count("max_count"), fraction("max_fraction"));
      }

      Long count(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        Object v = scalar(n);
        if (v instanceof Long l && l >= 0) {
          return l;
        }
        if (v instanceof BigDecimal d && d.signum() > 0 && d.stripTrailingZeros().scale() <= 0) {
          problem(n.at(), "\"" + key + "\" must be at most " + Long.MAX_VALUE + ", not " + d.toPlainString());
          return null;
        }
        problem(n.at(), "\"" + key + "\" must be a whole number ≥ 0, not " + n.kind());
        return null;
      }

      Integer intCount(String key) {
        Long l = count(key);
        if (l != null && l > Integer.MAX_VALUE) {
          problem(at(key), "\"" + key + "\" must be at most " + Integer.MAX_VALUE + ", not " + l);
          return null;
        }
        return l == null ? null : l.intValue();
      }

      Double fraction(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        Object v = scalar(n);
        String hint = "";
        if (v instanceof Number num) {
          double d = num.doubleValue();
          if (d >= 0 && d <= 1) {
            return d;
          }
          if (d > 1 && d <= 100) {
            hint = ": for " + Formats.number(d) + "% write " + Formats.number(d / 100);
          }
          problem(n.at(), "\"" + key + "\" must be a fraction between 0 and 1, not " + Formats.number(d) + hint);
          return null;
        }
        if (v instanceof String s) {
          Matcher m = PERCENT.matcher(s);
          if (m.matches()) {
            double d = Double.parseDouble(m.group(1));
            hint = ": for " + Formats.number(d) + "% write " + Formats.number(d / 100);
          }
        }
        problem(n.at(), "\"" + key + "\" must be a fraction between 0 and 1, not " + n.kind() + hint);
        return null;
      }

      double positive(String key, double defaultValue) {
        SourceNode n = node(key);
        if (n == null) {
          return defaultValue;
        }
        if (scalar(n) instanceof Number num && num.doubleValue() > 0 && Double.isFinite(num.doubleValue())) {
          return num.doubleValue();
        }
        problem(n.at(), "\"" + key + "\" must be a number > 0, not " + n.kind());
        return defaultValue;
      }

      boolean bool(String key, boolean defaultValue) {
        SourceNode n = node(key);
        if (n == null) {
          return defaultValue;
        }
        if (scalar(n) instanceof Boolean b) {
          return b;
        }
        problem(n.at(), "\"" + key + "\" must be true or false, not " + n.kind());
        return defaultValue;
      }

      /** A range bound: a number, or a date/timestamp text compared in the column's type. */
      Object bound(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        Object v = scalar(n);
        if (v instanceof Long l) {
          return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
          return plain(d);
        }
        if (v instanceof String s && DATE.matcher(s).matches()) {
          try {
            if (s.length() == 10) {
              LocalDate.parse(s);
            } else {
              LocalDateTime.parse(s.replace(' ', 'T'));
            }
            return s;
          } catch (DateTimeParseException e) {
            problem(n.at(), "\"" + key + "\" must be a real date, not \"" + s + "\": check the month, day and time");
            return null;
          }
        }
        boolean infinite = v instanceof Double d && d.isInfinite();
        problem(
            n.at(),
            "\"" + key + "\" must be a number or a date like 2024-01-31, not " + n.kind()
                + (infinite ? ": leave \"" + key + "\" out for no bound" : ""));
        return null;
      }

      List<Object> values(String key) {
        SourceNode n = node(key);
        if (n == null) {
          needs("\"" + key + "\"", "add the list of allowed values, e.g. values: [EUR, USD]");
          return List.of();
        }
        if (!(n instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
          problem(n.at(), "\"" + key + "\" must be a non-empty list, e.g. [EUR, USD], not " + n.kind());
          return List.of();
        }
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (SourceNode item : list.items()) {
          Object v = scalar(item);
          if (v == null) {
            problem(item.at(), "\"" + key + "\" cannot contain null: missing values are checked by not_null, remove it");
          } else if (v instanceof Double d) {
            problem(
                item.at(),
                d.isNaN()
                    ? "\"" + key + "\" cannot contain NaN: NaN is missing, like null, and checked by not_null; remove it"
                    : "\"" + key + "\" cannot contain " + item.kind() + ": list finite numbers");
          } else if (v instanceof SourceNode) {
            problem(item.at(), "\"" + key + "\" must list plain values (texts, numbers, true or false), not " + item.kind());
          } else if (item instanceof SourceNode.Scalar s && s.surprising()) {
            problem(
                item.at(),
                s.text() + " is read by YAML as " + (v instanceof Boolean ? "the boolean " : "the number ") + v
                    + ": write \"" + s.text() + "\" in quotes for the text, or " + v + " for the "
                    + (v instanceof Boolean ? "boolean" : "number"));
          } else {
            Object value = v instanceof Long l ? BigDecimal.valueOf(l) : v instanceof BigDecimal d ? plain(d) : v;
            Object key2 = value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
            if (!seen.add(key2)) {
              problem(item.at(), "\"" + key + "\" lists " + Check.quote(value) + " twice: remove the repeat");
            } else {
              values.add(value);
            }
          }
        }
        return values;
      }

      Map<String, String> types(String key) {
        SourceNode n = node(key);
        Map<String, String> types = new LinkedHashMap<>();
        if (n == null) {
          needs("\"" + key + "\"", "add the expected columns and their types, e.g. columns: {user_id: string}");
          return types;
        }
        if (!(n instanceof SourceNode.MapNode m) || m.entries().isEmpty()) {
          problem(n.at(), "\"" + key + "\" must map column names to types, e.g. {user_id: string}, not " + n.kind());
          return types;
        }
        for (var e : m.entries().entrySet()) {
          SourceNode value = e.getValue().value();
          if (!(scalar(value) instanceof String type) || type.isBlank()) {
            problem(
                value.at(),
                "the type of \"" + e.getKey() + "\" must be a Spark SQL type name like string or double, not " + value.kind());
            continue;
          }
          String normalized = type.trim().toLowerCase(Locale.ROOT);
          Matcher tm = TYPE_NAME.matcher(normalized);
          String base = tm.matches() ? tm.group(1) : normalized;
          boolean complex = base.equals("array") || base.equals("map") || base.equals("struct");
          if (!Lexicon.SIMPLE_TYPES.contains(base) && !complex) {
            String close = Lexicon.closest(base, Lexicon.SIMPLE_TYPES);
            problem(
                value.at(),
                "unknown type \"" + type + "\" for column \"" + e.getKey() + "\""
                    + (close != null
                        ? ": did you mean \"" + close + "\"?"
                        : ": use a Spark SQL type (string, int, bigint, double, decimal(10,2), date, timestamp, ...) or any"));
            continue;
          }
          types.put(e.getKey(), normalized);
        }
        return types;
      }

      Long size(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        Object v = scalar(n);
        if (v instanceof Long l && l >= 0) {
          return l;
        }
        if (v instanceof String s && Formats.parseSize(s) != null) {
          return Formats.parseSize(s);
        }
        problem(n.at(), "\"" + key + "\" must be a size like 64MB or a number of bytes, not " + n.kind());
        return null;
      }
    }
  }
}
