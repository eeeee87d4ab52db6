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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates rule files (YAML, or JSON for files ending in {@code .json}; same model).
 *
 * <p>Validation reports every problem of a file at once, each with its line and column, and throws
 * {@link RuleFileException} if there is any: a rule file is used whole or not at all.
 */
public final class RuleParser {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern SIZE =
      Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\\s*");
  private static final Pattern TYPE_NAME = Pattern.compile("([a-z_]+)(\\(.*\\)|<.*>)?");

  private RuleParser() {}

  /** Reads and parses local rule files; all problems of all files are reported together. */
  public static RuleSet load(List<Path> files) {
    List<RuleProblem> problems = new ArrayList<>();
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
                    + describe(e)
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
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new RuleSet(parsed);
  }

  /** Parses one rule file's text; {@code source} names it in errors and in every rule's location. */
  public static RuleFile parse(String source, String text) {
    List<RuleProblem> problems = new ArrayList<>();
    SourceNode root = readTree(source, text, problems);
    RuleFile file = null;
    if (root != null && problems.isEmpty()) {
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
    JsonFactory factory = source.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
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
      var loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(loc.getLineNr(), 1);
      int col = loc == null ? 0 : Math.max(loc.getColumnNr(), 1);
      String message = e.getOriginalMessage().replaceAll("\\s+", " ").trim();
      problems.add(
          new RuleProblem(
              new SourceLocation(source, line, col),
              "the file is not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + message));
      return null;
    } catch (IOException e) {
      problems.add(new RuleProblem(new SourceLocation(source, 0, 0), "cannot read: " + describe(e)));
      return null;
    }
  }

  private static List<RuleProblem> duplicateIdsAcrossFiles(List<RuleFile> files) {
    List<RuleProblem> problems = new ArrayList<>();
    Map<String, SourceLocation> seen = new HashMap<>();
    for (RuleFile file : files) {
      for (DatasetRules dataset : file.datasets()) {
        for (Check check : concat(dataset.checks(), dataset.diagnostics())) {
          SourceLocation first = seen.putIfAbsent(check.id(), check.location());
          if (first != null && !first.file().equals(check.location().file())) {
            problems.add(
                new RuleProblem(
                    check.location(),
                    "rule id \""
                        + check.id()
                        + "\" is already used at "
                        + first.fileAndLine()
                        + ": give one of them another id"));
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

  private static String describe(Exception e) {
    String what = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission is denied";
    }
    return what + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /** Walks the node tree, building records and collecting problems. One per file. */
  private static final class Validator {
    private final String source;
    private final List<RuleProblem> problems;
    private final Map<String, SourceLocation> explicitIds = new HashMap<>();
    private final Map<String, Integer> derivedIds = new HashMap<>();

    Validator(String source, List<RuleProblem> problems) {
      this.source = source;
      this.problems = problems;
    }

    RuleFile file(SourceNode root) {
      if (!(root instanceof SourceNode.MapNode map)) {
        problem(root.at(), "a rule file must be a mapping with a \"datasets:\" list, not " + root.kind());
        return null;
      }
      checkKeys(map, Lexicon.FILE_KEYS, "at the top of a rule file");
      SourceNode.Entry version = map.entries().get("version");
      if (version != null) {
        Object v = scalar(version.value());
        if (!(v instanceof Long l && l == 1)) {
          problem(version.value().at(), "unsupported version " + v + ": this dqgate reads version 1");
        }
      }
      Severity defaultSeverity = severity(map, Severity.FAIL);
      List<DatasetRules> datasets = new ArrayList<>();
      SourceNode.Entry list = map.entries().get("datasets");
      if (list == null) {
        problem(map.at(), "missing \"datasets:\": a rule file lists the datasets it checks");
      } else if (!(list.value() instanceof SourceNode.ListNode items)) {
        problem(list.value().at(), "\"datasets\" must be a list of dataset blocks, not " + list.value().kind());
      } else if (items.items().isEmpty()) {
        problem(list.keyAt(), "\"datasets\" is empty: add at least one dataset block with its checks");
      } else {
        Set<String> names = new TreeSet<>();
        for (SourceNode item : items.items()) {
          DatasetRules dataset = dataset(item, defaultSeverity);
          if (dataset != null && !names.add(dataset.name())) {
            problem(
                dataset.location(),
                "dataset name \"" + dataset.name() + "\" is used twice: names must be unique in a file");
          }
          if (dataset != null) {
            datasets.add(dataset);
          }
        }
      }
      return new RuleFile(source, defaultSeverity, datasets);
    }

    private DatasetRules dataset(SourceNode node, Severity fileSeverity) {
      if (!(node instanceof SourceNode.MapNode map)) {
        problem(node.at(), "a dataset block must be a mapping (name, match, checks), not " + node.kind());
        return null;
      }
      checkKeys(map, Lexicon.DATASET_KEYS, "in a dataset block");
      String name = requiredString(map, "name", "a dataset block");
      if (name == null) {
        name = "dataset@" + map.at().line();
      }
      Severity severity = severity(map, fileSeverity);
      List<DatasetMatcher> matchers = matchers(map);
      List<Check> checks = new ArrayList<>();
      List<Check> diagnostics = new ArrayList<>();
      SourceNode.Entry checkList = map.entries().get("checks");
      SourceNode.Entry diagnosticList = map.entries().get("diagnostics");
      if (checkList == null && diagnosticList == null) {
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

    private List<DatasetMatcher> matchers(SourceNode.MapNode dataset) {
      SourceNode.Entry match = dataset.entries().get("match");
      List<DatasetMatcher> matchers = new ArrayList<>();
      if (match == null) {
        problem(
            dataset.at(),
            "missing \"match:\": say which datasets these rules are for, e.g. match: {view: bronze}"
                + " (keys: path, table, view, stage)");
        return matchers;
      }
      List<SourceNode> blocks =
          match.value() instanceof SourceNode.ListNode l ? l.items() : List.of(match.value());
      List<String> kinds = List.of("path", "table", "view", "stage");
      for (SourceNode block : blocks) {
        if (!(block instanceof SourceNode.MapNode map)) {
          problem(block.at(), "\"match\" must map path/table/view/stage to names, not " + block.kind());
          continue;
        }
        checkKeys(map, kinds, "in \"match\"");
        for (var e : map.entries().entrySet()) {
          if (!kinds.contains(e.getKey())) {
            continue;
          }
          DatasetRef.Kind kind = DatasetRef.Kind.valueOf(e.getKey().toUpperCase(Locale.ROOT));
          for (String pattern : stringOrList(e.getValue().value(), e.getKey())) {
            if (pattern.isBlank()) {
              problem(e.getValue().value().at(), "\"" + e.getKey() + "\" must not be empty");
            } else {
              matchers.add(new DatasetMatcher(kind, pattern));
            }
          }
        }
      }
      if (matchers.isEmpty() && blocks.stream().allMatch(b -> b instanceof SourceNode.MapNode)) {
        problem(match.keyAt(), "\"match\" names no dataset: give a path, table, view or stage");
      }
      return matchers;
    }

    private List<SourceNode> items(SourceNode.Entry entry, String key) {
      if (entry == null) {
        return List.of();
      }
      if (entry.value() instanceof SourceNode.ListNode list) {
        if (list.items().isEmpty()) {
          problem(entry.keyAt(), "\"" + key + "\" is empty: list at least one rule or remove the key");
        }
        return list.items();
      }
      problem(entry.value().at(), "\"" + key + "\" must be a list (each item starting with \"- \"), not " + entry.value().kind());
      return List.of();
    }

    /** One list item; expands a {@code columns:} list of per-column checks into one rule per column. */
    private List<Check> check(SourceNode node, String dataset, Severity inherited, boolean diagnostic) {
      if (!(node instanceof SourceNode.MapNode map) || map.entries().size() != 1) {
        problem(
            node.at(),
            "each rule is a mapping with one key, the check, e.g. \"- not_null: {column: user_id}\"; found "
                + (node instanceof SourceNode.MapNode m ? m.entries().size() + " keys " + m.entries().keySet() : node.kind()));
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
              "\""
                  + keyword
                  + "\" is a "
                  + (diagnostic ? "data check: move it under \"checks:\"" : "diagnostic: move it under \"diagnostics:\""));
        } else {
          problem(
              at,
              "unknown "
                  + (diagnostic ? "diagnostic" : "check")
                  + " \""
                  + keyword
                  + "\""
                  + Lexicon.didYouMean(keyword, own.keySet())
                  + "; known: "
                  + String.join(", ", new TreeSet<>(own.keySet())));
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
        problem(body.at(), "\"" + keyword + "\" takes a mapping of settings, e.g. {column: x}, not " + body.kind());
        return List.of();
      }
      List<String> allowed = new ArrayList<>(own.get(keyword));
      allowed.addAll(Lexicon.COMMON_KEYS);
      checkKeys(params, allowed, "in \"" + keyword + "\"");
      Params p = new Params(params, keyword);
      Severity severity = severity(params, inherited);
      String description = p.string("description", false);
      SourceLocation location = at;
      String explicitId = p.string("id", false);
      if (explicitId != null) {
        SourceLocation first = explicitIds.putIfAbsent(explicitId, location);
        if (first != null) {
          problem(
              params.entries().get("id").value().at(),
              "rule id \"" + explicitId + "\" is already used at line " + first.line() + ": ids must be unique");
        }
      }
      List<Check> built = new ArrayList<>();
      switch (keyword) {
        case "not_null" -> {
          Limit limit = p.limit();
          List<String> columns = p.columns(true);
          for (String column : columns) {
            built.add(
                new Check.NotNull(
                    meta(explicitId, dataset, keyword, column, columns.size() > 1, severity, description, location),
                    column,
                    limit));
          }
        }
        case "unique", "duplicates" -> {
          List<String> columns = p.columns(keyword.equals("unique"));
          Limit limit = p.limit();
          built.add(
              new Check.Duplicates(
                  meta(explicitId, dataset, keyword, columns.isEmpty() ? null : String.join(",", columns), severity, description, location),
                  keyword,
                  columns,
                  limit));
        }
        case "range" -> {
          String column = p.string("column", true);
          Object min = p.bound("min");
          Object max = p.bound("max");
          if (min == null && max == null && !p.has("min") && !p.has("max")) {
            problem(at, "\"range\" needs \"min\", \"max\" or both");
          }
          if (min instanceof BigDecimal a && max instanceof BigDecimal b && a.compareTo(b) > 0) {
            problem(params.entries().get("min").value().at(), "min " + a + " is greater than max " + b + ": swap them");
          } else if (min instanceof String a && max instanceof String b && a.compareTo(b) > 0) {
            problem(params.entries().get("min").value().at(), "min \"" + a + "\" is after max \"" + b + "\": swap them");
          } else if (min != null && max != null && min.getClass() != max.getClass()) {
            problem(params.entries().get("max").value().at(), "min and max must both be numbers or both dates/timestamps");
          }
          built.add(
              new Check.Range(
                  meta(explicitId, dataset, keyword, column, severity, description, location),
                  column, min, max, p.bool("min_inclusive", true), p.bool("max_inclusive", true), p.limit()));
        }
        case "iqr_outliers" -> {
          String column = p.string("column", true);
          double k = p.positive("k", 1.5);
          built.add(new Check.IqrOutliers(meta(explicitId, dataset, keyword, column, severity, description, location), column, k, p.limit()));
        }
        case "row_count" -> {
          Long min = p.count("min");
          Long max = p.count("max");
          if (!p.has("min") && !p.has("max")) {
            problem(at, "\"row_count\" needs \"min\", \"max\" or both");
          }
          if (min != null && max != null && min > max) {
            problem(params.entries().get("min").value().at(), "min " + min + " is greater than max " + max + ": swap them");
          }
          built.add(new Check.RowCount(meta(explicitId, dataset, keyword, null, severity, description, location), min, max));
        }
        case "allowed_values" -> {
          String column = p.string("column", true);
          List<Object> values = p.values("values");
          built.add(new Check.AllowedValues(meta(explicitId, dataset, keyword, column, severity, description, location), column, values, p.limit()));
        }
        case "expression" -> {
          String sql = p.string("sql", true);
          Double minFraction = p.fraction("min_fraction");
          built.add(
              new Check.Expression(
                  meta(explicitId, dataset, keyword, null, severity, description, location),
                  sql == null ? "" : sql,
                  minFraction == null ? 1.0 : minFraction));
        }
        case "schema" -> {
          Map<String, String> columns = p.types("columns");
          built.add(new Check.Schema(meta(explicitId, dataset, keyword, null, severity, description, location), columns, p.bool("allow_extra", true)));
        }
        case "partition_skew" -> {
          String metric = p.string("metric", false);
          if (metric == null) {
            metric = "bytes";
          } else if (!metric.equals("bytes") && !metric.equals("time")) {
            problem(params.entries().get("metric").value().at(), "\"metric\" must be \"bytes\" (shuffle-read bytes) or \"time\" (task run time), not \"" + metric + "\"");
          }
          double ratio = p.positive("max_ratio", 5.0);
          if (ratio < 1) {
            problem(params.entries().get("max_ratio").value().at(), "\"max_ratio\" is max/median and cannot be below 1, found " + Formats.number(ratio));
          }
          Long minBytes = p.size("min_bytes");
          Long minMillis = p.count("min_millis");
          built.add(
              new Check.PartitionSkew(
                  meta(explicitId, dataset, keyword, null, severity, description, location),
                  metric, ratio, minBytes == null ? 64L << 20 : minBytes, minMillis == null ? 1000 : minMillis));
        }
        case "partitions" -> {
          Long min = p.count("min");
          Long max = p.count("max");
          if (min != null && max != null && min > max) {
            problem(params.entries().get("min").value().at(), "min " + min + " is greater than max " + max + ": swap them");
          }
          Double empty = p.fraction("max_empty_fraction");
          if (min == null && max == null && empty == null) {
            problem(at, "\"partitions\" needs \"min\", \"max\" or \"max_empty_fraction\"");
          }
          built.add(
              new Check.Partitions(
                  meta(explicitId, dataset, keyword, null, severity, description, location),
                  min == null ? null : Math.toIntExact(Math.min(min, Integer.MAX_VALUE)),
                  max == null ? null : Math.toIntExact(Math.min(max, Integer.MAX_VALUE)),
                  empty));
        }
        case "spill" -> {
          Long maxBytes = p.size("max_bytes");
          built.add(new Check.Spill(meta(explicitId, dataset, keyword, null, severity, description, location), maxBytes == null ? 0 : maxBytes));
        }
        case "small_files" -> {
          Long minAvg = p.size("min_avg_bytes");
          Long minFiles = p.count("min_files");
          built.add(
              new Check.SmallFiles(
                  meta(explicitId, dataset, keyword, null, severity, description, location),
                  minAvg == null ? 32L << 20 : minAvg, minFiles == null ? 2 : Math.toIntExact(minFiles)));
        }
        default -> throw new IllegalStateException("unhandled check " + keyword);
      }
      return built;
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
      problem(entry.value().at(), "severity must be \"warn\" or \"fail\", not " + entry.value().kind());
      return inherited;
    }

    private void checkKeys(SourceNode.MapNode map, List<String> allowed, String where) {
      for (var e : map.entries().entrySet()) {
        if (!allowed.contains(e.getKey())) {
          problem(
              e.getValue().keyAt(),
              "unknown key \""
                  + e.getKey()
                  + "\" "
                  + where
                  + Lexicon.didYouMean(e.getKey(), allowed)
                  + "; allowed: "
                  + String.join(", ", allowed));
        }
      }
    }

    private String requiredString(SourceNode.MapNode map, String key, String what) {
      SourceNode.Entry entry = map.entries().get(key);
      if (entry == null) {
        problem(map.at(), "missing \"" + key + "\" in " + what);
        return null;
      }
      if (scalar(entry.value()) instanceof String s && !s.isBlank()) {
        return s;
      }
      problem(entry.value().at(), "\"" + key + "\" must be a non-empty text, not " + entry.value().kind());
      return null;
    }

    private List<String> stringOrList(SourceNode node, String key) {
      List<String> result = new ArrayList<>();
      List<SourceNode> items = node instanceof SourceNode.ListNode l ? l.items() : List.of(node);
      for (SourceNode item : items) {
        Object v = scalar(item);
        if (v instanceof String s) {
          result.add(s);
        } else {
          problem(item.at(), "\"" + key + "\" takes a name or a list of names, not " + item.kind());
        }
      }
      return result;
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

      Params(SourceNode.MapNode map, String keyword) {
        this.map = map;
        this.keyword = keyword;
      }

      boolean has(String key) {
        return map.entries().containsKey(key);
      }

      private SourceNode node(String key) {
        SourceNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
      }

      String string(String key, boolean required) {
        SourceNode n = node(key);
        if (n == null) {
          if (required) {
            problem(map.at().line() > 0 ? map.at() : map.at(), "\"" + keyword + "\" needs \"" + key + "\"");
          }
          return null;
        }
        if (scalar(n) instanceof String s && !s.isBlank()) {
          return s;
        }
        problem(n.at(), "\"" + key + "\" must be a non-empty text, not " + n.kind());
        return null;
      }

      /** {@code column: x} or {@code columns: [x, y]}, exactly one of them. */
      List<String> columns(boolean required) {
        SourceNode one = node("column");
        SourceNode many = node("columns");
        if (one != null && many != null) {
          problem(many.at(), "give \"column\" or \"columns\", not both");
          return List.of();
        }
        if (one != null) {
          String c = string("column", true);
          return c == null ? List.of() : List.of(c);
        }
        if (many != null) {
          if (!(many instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
            problem(many.at(), "\"columns\" must be a non-empty list of column names");
            return List.of();
          }
          List<String> names = stringOrList(many, "columns");
          if (new TreeSet<>(names).size() != names.size()) {
            problem(many.at(), "\"columns\" lists a column twice");
          }
          return names;
        }
        if (required) {
          problem(map.at(), "\"" + keyword + "\" needs \"column\" (or \"columns\" for several)");
        }
        return List.of();
      }

      Limit limit() {
        Long count = count("max_count");
        Double fraction = fraction("max_fraction");
        return new Limit(count, fraction);
      }

      Long count(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        if (scalar(n) instanceof Long l && l >= 0) {
          return l;
        }
        problem(n.at(), "\"" + key + "\" must be a whole number ≥ 0, not " + n.kind());
        return null;
      }

      Double fraction(String key) {
        SourceNode n = node(key);
        if (n == null) {
          return null;
        }
        Object v = scalar(n);
        if (v instanceof Number num) {
          double d = num.doubleValue();
          if (d >= 0 && d <= 1) {
            return d;
          }
          problem(
              n.at(),
              "\"" + key + "\" is a fraction between 0 and 1, found " + v
                  + (d > 1 && d <= 100 ? " (for " + v + "% write " + Formats.number(d / 100) + ")" : ""));
          return null;
        }
        problem(n.at(), "\"" + key + "\" must be a number between 0 and 1, not " + n.kind());
        return null;
      }

      double positive(String key, double defaultValue) {
        SourceNode n = node(key);
        if (n == null) {
          return defaultValue;
        }
        if (scalar(n) instanceof Number num && num.doubleValue() > 0) {
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
          return d;
        }
        if (v instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?")) {
          return s;
        }
        problem(n.at(), "\"" + key + "\" must be a number or a date like 2024-01-31, not " + n.kind());
        return null;
      }

      List<Object> values(String key) {
        SourceNode n = node(key);
        if (n == null) {
          problem(map.at(), "\"" + keyword + "\" needs \"" + key + "\": the list of allowed values");
          return List.of();
        }
        if (!(n instanceof SourceNode.ListNode list) || list.items().isEmpty()) {
          problem(n.at(), "\"" + key + "\" must be a non-empty list, not " + n.kind());
          return List.of();
        }
        List<Object> values = new ArrayList<>();
        for (SourceNode item : list.items()) {
          Object v = scalar(item);
          if (v == null) {
            problem(item.at(), "null is not a value to allow: nulls are checked by not_null");
          } else if (v instanceof SourceNode) {
            problem(item.at(), "allowed values must be plain values, not " + item.kind());
          } else {
            values.add(v instanceof Long l ? BigDecimal.valueOf(l) : v);
          }
        }
        return values;
      }

      Map<String, String> types(String key) {
        SourceNode n = node(key);
        Map<String, String> types = new LinkedHashMap<>();
        if (n == null) {
          problem(map.at(), "\"" + keyword + "\" needs \"" + key + "\": a mapping of column names to types");
          return types;
        }
        if (!(n instanceof SourceNode.MapNode m) || m.entries().isEmpty()) {
          problem(n.at(), "\"" + key + "\" must map column names to types, e.g. {user_id: string}, not " + n.kind());
          return types;
        }
        for (var e : m.entries().entrySet()) {
          Object v = scalar(e.getValue().value());
          if (!(v instanceof String type)) {
            problem(e.getValue().value().at(), "the type of \"" + e.getKey() + "\" must be a Spark SQL type name like string or double, not " + e.getValue().value().kind());
            continue;
          }
          String normalized = type.trim().toLowerCase(Locale.ROOT);
          Matcher tm = TYPE_NAME.matcher(normalized);
          String base = tm.matches() ? tm.group(1) : normalized;
          boolean complex = base.equals("array") || base.equals("map") || base.equals("struct");
          if (!Lexicon.SIMPLE_TYPES.contains(base) && !complex) {
            problem(
                e.getValue().value().at(),
                "unknown type \"" + type + "\" for column \"" + e.getKey() + "\""
                    + Lexicon.didYouMean(base, Lexicon.SIMPLE_TYPES)
                    + "; use a Spark SQL type name (string, int, bigint, double, decimal(10,2), date, timestamp, ...) or any");
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
        if (v instanceof String s) {
          Matcher m = SIZE.matcher(s);
          if (m.matches()) {
            double number = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            int shift = switch (unit.charAt(0)) {
              case 'k' -> 10;
              case 'm' -> 20;
              case 'g' -> 30;
              case 't' -> 40;
              default -> 0;
            };
            return (long) (number * (1L << shift));
          }
        }
        problem(n.at(), "\"" + key + "\" must be a size like 64MB or a number of bytes, not " + n.kind());
        return null;
      }
    }
  }
}
