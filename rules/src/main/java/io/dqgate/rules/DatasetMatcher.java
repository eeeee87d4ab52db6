package io.dqgate.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code match} entry of a dataset block.
 *
 * <ul>
 *   <li>{@code path}: a case-sensitive glob over the output path without its scheme and authority
 *       (so {@code s3a://bucket/x} and {@code hdfs://nn:8020/x} are both {@code /x}). {@code *} and
 *       {@code ?} match within one path segment, {@code **} across segments ({@code a/**}{@code /b}
 *       also matches {@code a/b}). A relative pattern matches whole segments at the end of the
 *       path: {@code out/bronze} matches {@code /tmp/run/out/bronze}, not {@code
 *       /tmp/run/xout/bronze}.
 *   <li>{@code table}: case-insensitive, backticks ignored; {@code db.t} matches {@code
 *       spark_catalog.db.t}, {@code t} matches {@code t} in any database.
 *   <li>{@code view}, {@code stage}: case-insensitive exact names.
 * </ul>
 */
public record DatasetMatcher(DatasetRef.Kind kind, String pattern) {

  public boolean matches(DatasetRef ref) {
    if (ref.kind() != kind) {
      return false;
    }
    return switch (kind) {
      case PATH -> globRegex(pattern).matcher(normalizePath(ref.name())).matches();
      case TABLE -> {
        String table = ref.name().toLowerCase(Locale.ROOT).replace("`", "");
        String want = pattern.toLowerCase(Locale.ROOT).replace("`", "");
        yield table.equals(want) || table.endsWith("." + want);
      }
      case VIEW, STAGE -> ref.name().equalsIgnoreCase(pattern);
    };
  }

  /** {@code hdfs://nn:8020/a/b/} and {@code file:/a/b} become {@code /a/b}. */
  static String normalizePath(String path) {
    String p = path.replaceFirst("^[A-Za-z][A-Za-z0-9+.\\-]*:(//[^/]*)?", "");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  static Pattern globRegex(String glob) {
    String g = normalizePath(glob);
    StringBuilder regex = new StringBuilder(g.startsWith("/") ? "" : "(?:.*/)?");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
        if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
          // "**/" also matches no directory at all
          regex.setLength(regex.length() - 2);
          regex.append("(?:.*/)?");
          i++;
        }
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return kind.keyword() + ": " + pattern;
  }
}
