package io.dqgate.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.dqgate.rules.check.Check;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML/JSON document as a tree that remembers where each node was written, so every validation
 * error can name its line and column (Jackson's tree model forgets locations).
 */
sealed interface SourceNode {
  SourceLocation at();

  /** A short name of the node's kind for error messages. */
  String kind();

  record MapNode(SourceLocation at, Map<String, Entry> entries) implements SourceNode {
    public String kind() {
      return "a mapping";
    }
  }

  /** One key of a mapping: where the key was written and its value. */
  record Entry(SourceLocation keyAt, SourceNode value) {}

  record ListNode(SourceLocation at, List<SourceNode> items) implements SourceNode {
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar: String, Long, java.math.BigDecimal, Double (only YAML's {@code .nan} and {@code
   * .inf}), Boolean or null; {@code text} is how it was written.
   */
  record Scalar(SourceLocation at, Object value, String text) implements SourceNode {
    public String kind() {
      if (value == null) {
        return "nothing (null)";
      }
      if (value instanceof String s) {
        return "the text \"" + shorten(s) + "\"";
      }
      String kind =
          (value instanceof Boolean ? "the boolean " : "the number ") + Check.quote(value);
      return surprising()
          ? text + ", which YAML reads as " + kind + " (quote it to mean the text)"
          : kind;
    }

    /**
     * True when YAML read an unquoted word or number as something its writer rarely means: {@code
     * yes}, {@code no}, {@code on}, {@code off} as booleans, {@code 012} as octal 10, {@code 1_000}
     * as 1000.
     */
    public boolean surprising() {
      if (value instanceof Boolean) {
        return !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false");
      }
      if (value instanceof Long) {
        return !text.matches("[-+]?(0|[1-9][0-9]*)");
      }
      return false;
    }
  }

  /**
   * How deep lists and mappings may nest. A real rule file needs about 8 levels; the limit keeps a
   * hostile file (thousands of "[") from exhausting the reader's stack. Documented in
   * docs/rules.md.
   */
  int MAX_DEPTH = 64;

  /** The file nests deeper than {@link #MAX_DEPTH}; reading stops at {@code at}. */
  final class TooDeep extends RuntimeException {
    final transient SourceLocation at;

    TooDeep(SourceLocation at) {
      super(null, null, false, false);
      this.at = at;
    }
  }

  /** {@code s}, or its first 60 characters and "…" when longer, for quoting in a message. */
  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** Reads one value starting at the parser's current token; duplicate keys are reported. */
  static SourceNode read(JsonParser parser, String file, List<RuleProblem> problems)
      throws IOException {
    return read(parser, file, problems, 0);
  }

  private static SourceNode read(
      JsonParser parser, String file, List<RuleProblem> problems, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    SourceLocation at = at(parser, file);
    if (depth > MAX_DEPTH) {
      throw new TooDeep(at);
    }
    if (parser instanceof YAMLParser yaml) {
      if (yaml.isCurrentAlias()) {
        // One alias said is enough: an alias bomb would otherwise print hundreds of lines.
        boolean said = problems.stream().anyMatch(p -> p.message().startsWith("aliases ("));
        if (!said) {
          problems.add(
              new RuleProblem(
                  at,
                  "aliases (\"*"
                      + shorten(parser.getText())
                      + "\") are not supported in rule files: write the value out in full"));
        }
        return new Scalar(at, null, parser.getText());
      }
      String tag = yaml.getTypeId();
      if (tag != null) {
        problems.add(
            new RuleProblem(
                at,
                "YAML tags (here \""
                    + shorten(tag)
                    + "\") are not supported in rule files: remove the tag"));
      }
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          SourceLocation keyAt = at(parser, file);
          parser.nextToken();
          SourceNode value = read(parser, file, problems, depth + 1);
          Entry previous = entries.putIfAbsent(key, new Entry(keyAt, value));
          if (previous != null) {
            problems.add(
                new RuleProblem(
                    keyAt,
                    "duplicate key \""
                        + key
                        + "\" (first at line "
                        + previous.keyAt().line()
                        + "): remove one of them"));
          }
        }
        return new MapNode(at, entries);
      }
      case START_ARRAY -> {
        List<SourceNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, file, problems, depth + 1));
        }
        return new ListNode(at, items);
      }
      case VALUE_STRING -> {
        return new Scalar(at, parser.getText(), parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        Object value =
            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? new java.math.BigDecimal(parser.getBigIntegerValue())
                : (Object) parser.getLongValue();
        return new Scalar(at, value, parser.getText());
      }
      case VALUE_NUMBER_FLOAT -> {
        // YAML's .nan and .inf are floats Jackson cannot turn into BigDecimal.
        String text = parser.getText();
        String special = text.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[-+]", "");
        if (special.equals(".nan") || special.equals(".inf")) {
          double value =
              special.equals(".nan")
                  ? Double.NaN
                  : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
          return new Scalar(at, value, text);
        }
        return new Scalar(at, parser.getDecimalValue(), text);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(at, parser.getBooleanValue(), parser.getText());
      }
      default -> {
        return new Scalar(at, null, parser.getText());
      }
    }
  }

  private static SourceLocation at(JsonParser parser, String file) {
    var location = parser.currentTokenLocation();
    return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
  }
}
