package io.dqgate.spark.suggest;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Scalars as the rule file's YAML reads them back unchanged (see docs/rules.md, YAML pitfalls). */
final class Yaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** YAML 1.1 words that are not text: booleans and null. */
  private static final Set<String> SPECIAL =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

  private Yaml() {}

  /** {@code text} plain when that reads back as the same text, else double-quoted. */
  static String text(String text) {
    if (PLAIN.matcher(text).matches()
        && !SPECIAL.contains(text.toLowerCase(java.util.Locale.ROOT))) {
      return text;
    }
    return quoted(text);
  }

  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  static String list(List<String> texts) {
    return texts.stream().map(Yaml::text).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Text for a comment: one line. */
  static String comment(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }
}
