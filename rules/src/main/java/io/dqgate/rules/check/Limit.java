package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * How many offending rows a rule tolerates: at most {@code maxCount} rows and at most {@code
 * maxFraction} of the rows. Either may be absent; with both absent nothing is tolerated.
 */
public record Limit(Long maxCount, Double maxFraction) {
  /** No offending row allowed. */
  public static final Limit NONE_ALLOWED = new Limit(null, null);

  /** The keys of a limit in a rule file. */
  public static final List<String> KEYS = List.of("max_count", "max_fraction");

  /** True when {@code offending} of {@code total} rows is within the limit. */
  public boolean allows(long offending, long total) {
    if (maxCount == null && maxFraction == null) {
      return offending == 0;
    }
    if (maxCount != null && offending > maxCount) {
      return false;
    }
    if (maxFraction != null) {
      double fraction = total == 0 ? 0.0 : (double) offending / total;
      return fraction <= maxFraction;
    }
    return true;
  }

  /** The threshold as a person reads it, e.g. {@code ≤ 0.1%} or {@code ≤ 5 rows}. */
  public String describe() {
    if (maxCount == null && maxFraction == null) {
      return "none allowed";
    }
    List<String> parts = new ArrayList<>();
    if (maxCount != null) {
      parts.add("≤ " + maxCount + (maxCount == 1 ? " row" : " rows"));
    }
    if (maxFraction != null) {
      parts.add("≤ " + Formats.percent(maxFraction));
    }
    return String.join(" and ", parts);
  }

  /** The keys as written in a rule file, for printing a rule back. */
  void appendTo(List<String> fields) {
    if (maxCount != null) {
      fields.add("max_count: " + maxCount);
    }
    if (maxFraction != null) {
      fields.add("max_fraction: " + Formats.number(maxFraction));
    }
  }
}
