package io.dqgate.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a rule file's text into a located {@link SourceNode} tree; a syntax error becomes one
 * problem said the rule-file way (what is wrong and how to fix it), at the place to fix.
 */
final class SyntaxErrors {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * What SnakeYAML calls a construct that can be left open, as a person says it, and its closer.
   */
  private static final Map<String, String[]> UNCLOSED =
      Map.of(
          "flow sequence", new String[] {"the list opened with \"[\" here", "\"]\""},
          "flow mapping", new String[] {"the mapping opened with \"{\" here", "\"}\""},
          "quoted scalar", new String[] {"the quoted text that starts here", "quote"});

  private static final Pattern RESERVED =
      Pattern.compile("found character '(.)' that cannot start any token");
  private static final Pattern JSON_TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
  private static final Pattern JSON_UNCLOSED =
      Pattern.compile(
          "Unexpected end-of-input: expected close marker for (Array|Object)"
              + " \\(start marker at line (\\d+), column (\\d+)\\)");

  private SyntaxErrors() {}

  /** The tree of {@code text}, or null when it cannot be read (the problem is added). */
  static SourceNode readTree(String source, String text, List<RuleProblem> problems) {
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
    } catch (SourceNode.TooDeep e) {
      problems.add(
          new RuleProblem(
              e.at,
              "the file nests lists and mappings more than "
                  + SourceNode.MAX_DEPTH
                  + " levels deep here (a rule file needs about 8): remove the extra brackets or"
                  + " indentation"));
      return null;
    } catch (JsonProcessingException e) {
      problems.add(json ? jsonProblem(source, e) : yamlProblem(source, e));
      return null;
    } catch (IOException | RuntimeException e) {
      problems.add(
          new RuleProblem(
              new SourceLocation(source, 1, 1),
              "the file is not valid "
                  + (json ? "JSON" : "YAML")
                  + ": "
                  + firstLine(e.getMessage())));
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
          new SourceLocation(
              source, Integer.parseInt(unclosed.group(2)), Integer.parseInt(unclosed.group(3))),
          "the file is not valid JSON: the "
              + (list ? "list opened with \"[\"" : "object opened with \"{\"")
              + " here is never closed: add the missing "
              + (list ? "\"]\"" : "\"}\""));
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
          "the file is not valid YAML: a value cannot start with \""
              + reserved.group(1)
              + "\": put it in quotes");
    }
    boolean atEnd = problem.contains("<stream end>") || problem.contains("end of stream");
    if (atEnd && contextMark != null && what != null && UNCLOSED.containsKey(what)) {
      String thing = UNCLOSED.get(what)[0];
      String closer = UNCLOSED.get(what)[1];
      return new RuleProblem(
          at(source, contextMark),
          "the file is not valid YAML: " + thing + " is never closed: add the missing " + closer);
    }
    if (problem.startsWith("expected ',' or ")
        && contextMark != null
        && ("flow sequence".equals(what) || "flow mapping".equals(what))) {
      boolean list = what.equals("flow sequence");
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: the "
              + (list ? "list opened with \"[\"" : "mapping opened with \"{\"")
              + " at line "
              + (contextMark.getLine() + 1)
              + ", column "
              + (contextMark.getColumn() + 1)
              + " is not closed before this: add the missing "
              + (list ? "\"]\"" : "\"}\"")
              + ", or a \",\" between its items");
    }
    if (problem.startsWith("expected <block end>") && contextMark != null) {
      return new RuleProblem(
          at(source, y.getProblemMark()),
          "the file is not valid YAML: the indentation here does not fit the block at line "
              + (contextMark.getLine() + 1)
              + ", column "
              + (contextMark.getColumn() + 1)
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
            ? " (in the "
                + what
                + " at line "
                + (contextMark.getLine() + 1)
                + ", column "
                + (contextMark.getColumn() + 1)
                + ")"
            : "";
    return new RuleProblem(
        at(source, y.getProblemMark()),
        "the file is not valid YAML: "
            + problem
            + in
            + ": check the indentation, quotes and brackets");
  }

  private static SourceLocation at(String source, Mark mark) {
    return new SourceLocation(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  static String firstLine(String text) {
    return text == null ? "" : text.strip().split("\\R", 2)[0];
  }
}
