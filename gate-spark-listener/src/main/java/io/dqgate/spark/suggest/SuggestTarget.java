package io.dqgate.spark.suggest;

import java.util.Locale;

/**
 * The dataset block a suggested file describes: its {@code name} and what its {@code match} names.
 *
 * @param name the block's name (rule ids start with it)
 * @param matchKey {@code path}, {@code view} or {@code stage}
 * @param matchValue the path glob, view name or stage name
 */
public record SuggestTarget(String name, String matchKey, String matchValue) {
  public SuggestTarget {
    if (!matchKey.equals("path") && !matchKey.equals("view") && !matchKey.equals("stage")) {
      throw new IllegalArgumentException(
          "Cannot match by \""
              + matchKey
              + "\" because suggested files match a path, view or stage: use one of path, view, stage");
    }
  }

  /**
   * The target for {@code data}: by default its path under a name derived from the file name; with
   * a {@code dataset} name and {@code match} view or stage, that view or stage.
   */
  public static SuggestTarget of(String data, String dataset, String match) {
    String key = match == null ? "path" : match.toLowerCase(Locale.ROOT);
    String name = dataset != null && !dataset.isBlank() ? dataset : nameOf(data);
    return new SuggestTarget(name, key, key.equals("path") ? data : name);
  }

  /** {@code /data/Transactions-2024.csv} → {@code transactions_2024}. */
  static String nameOf(String data) {
    String file = data.replaceAll("/+$", "");
    file = file.substring(file.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    if (dot > 0) {
      file = file.substring(0, dot);
    }
    String name =
        file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
    return name.isEmpty() ? "data" : name;
  }
}
