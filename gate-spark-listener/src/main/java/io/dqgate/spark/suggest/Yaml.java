package io.dqgate.spark.suggest;

import io.dqgate.rules.check.Check;
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
    return Check.doubleQuoted(text);
  }

  static String list(List<String> texts) {
    return texts.stream().map(Yaml::text).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Text for a comment: one line. */
  static String comment(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }
}
