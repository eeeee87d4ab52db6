package io.dqgate.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of one JSON tree whose errors name the file and the JSON path of the offending field
 * ({@code Cannot read report.json because $.run.exitCode is "1", not an integer}). A field must be
 * present; the nullable reads accept an explicit null.
 */
final class StrictJson {
  private final String origin;

  StrictJson(String origin) {
    this.origin = origin;
  }

  JsonNode present(JsonNode parent, String field, String p) {
    JsonNode n = parent.get(field);
    if (n == null) {
      throw fail(p + "." + field, "is missing");
    }
    return n;
  }

  void requireObject(JsonNode n, String p) {
    if (n == null || !n.isObject()) {
      throw fail(p, "is not an object");
    }
  }

  JsonNode object(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    requireObject(n, p + "." + field);
    return n;
  }

  JsonNode array(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    if (!n.isArray()) {
      throw fail(p + "." + field, "is not an array");
    }
    return n;
  }

  String text(JsonNode parent, String field, String p, boolean nullable) {
    JsonNode n = present(parent, field, p);
    if (n.isNull() && nullable) {
      return null;
    }
    if (!n.isTextual()) {
      throw fail(
          p + "." + field,
          "is " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string");
    }
    return n.textValue();
  }

  List<String> strings(JsonNode parent, String field, String p) {
    JsonNode n = array(parent, field, p);
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw fail(p + "." + field + "[" + i + "]", "is not a string");
      }
      out.add(n.get(i).textValue());
    }
    return out;
  }

  long integer(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw fail(p + "." + field, "is " + n + ", not an integer");
    }
    return n.longValue();
  }

  Long optLong(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    return n.isNull() ? null : integer(parent, field, p);
  }

  boolean bool(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    if (!n.isBoolean()) {
      throw fail(p + "." + field, "is " + n + ", not true or false");
    }
    return n.booleanValue();
  }

  /** A number, or one of the strings report.json spells non-finite numbers with. */
  Double optNumber(JsonNode parent, String field, String p) {
    JsonNode n = present(parent, field, p);
    if (n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      switch (n.textValue()) {
        case JsonFields.NAN:
          return Double.NaN;
        case JsonFields.POSITIVE_INFINITY:
          return Double.POSITIVE_INFINITY;
        case JsonFields.NEGATIVE_INFINITY:
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw fail(
        p + "." + field, "is " + n + ", not a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
  }

  Instant instant(JsonNode parent, String field, String p) {
    String text = text(parent, field, p, true);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw fail(
          p + "." + field,
          "is '" + text + "', not an ISO-8601 instant such as 2024-06-10T02:14:07Z");
    }
  }

  IllegalArgumentException fail(String path, String why) {
    return new IllegalArgumentException("Cannot read " + origin + " because " + path + " " + why);
  }
}
