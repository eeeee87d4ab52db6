package io.dqgate.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML/JSON document as a tree that remembers where each node was written, so every validation error
 * can name its line and column (Jackson's tree model forgets locations).
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

  /** A scalar: String, Long, java.math.BigDecimal, Boolean or null. */
  record Scalar(SourceLocation at, Object value) implements SourceNode {
    public String kind() {
      if (value == null) {
        return "nothing (null)";
      }
      if (value instanceof String s) {
        return "the text \"" + s + "\"";
      }
      return value instanceof Boolean ? "the boolean " + value : "the number " + value;
    }
  }

  /** Reads one value starting at the parser's current token; duplicate keys are reported. */
  static SourceNode read(JsonParser parser, String file, List<RuleProblem> problems)
      throws IOException {
    JsonToken token = parser.currentToken();
    SourceLocation at = at(parser, file);
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          SourceLocation keyAt = at(parser, file);
          parser.nextToken();
          SourceNode value = read(parser, file, problems);
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
          items.add(read(parser, file, problems));
        }
        return new ListNode(at, items);
      }
      case VALUE_STRING -> {
        return new Scalar(at, parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return new Scalar(at, parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Scalar(at, parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(at, parser.getBooleanValue());
      }
      default -> {
        return new Scalar(at, null);
      }
    }
  }

  private static SourceLocation at(JsonParser parser, String file) {
    var location = parser.currentTokenLocation();
    return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
  }
}
