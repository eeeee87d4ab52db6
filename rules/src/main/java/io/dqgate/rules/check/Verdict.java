package io.dqgate.rules.check;

import io.dqgate.rules.Formats;

/**
 * What a rule found, before it becomes an outcome (the engine adds status, rule and location).
 *
 * @param breached true when the rule's threshold is not met
 * @param observed the measured value compared with the threshold, or null
 * @param total what the observation is out of (rows, tasks, files), or null
 * @param threshold the threshold as a person reads it, or null
 * @param sentence what a person reads
 */
public record Verdict(
    boolean breached, Double observed, Long total, String threshold, String sentence, Basis basis) {

  /** Whether the rule judged, or why it could not (outcomes INFO, WARN, ERROR, never PASS). */
  public enum Basis {
    JUDGED,
    /** Fewer earlier runs than the rule's min_history: an INFO outcome. */
    TOO_LITTLE_HISTORY,
    /** No spark.dqgate.history configured: a WARN outcome. */
    NO_HISTORY,
    /** The history is configured but could not be read: an ERROR outcome. */
    UNREADABLE_HISTORY,
    /** The other stage a cross-stage rule compares with was not judged (yet) in this run: WARN. */
    NO_OTHER_STAGE
  }

  public Verdict(boolean breached, Double observed, Long total, String threshold, String sentence) {
    this(breached, observed, total, threshold, sentence, Basis.JUDGED);
  }

  /** A rule that could not judge for {@code basis}, saying so in {@code sentence}. */
  public static Verdict undecided(Basis basis, Double observed, String threshold, String sentence) {
    return new Verdict(false, observed, null, threshold, sentence, basis);
  }

  /**
   * A count-of-offending-rows verdict: "{subject}: 312 of 100,000 rows (0.31%) {what}; allowed ≤
   * 0.1%".
   *
   * @param subject the column(s), or null
   * @param what the predicate as for many rows ("are null"); it agrees with the noun before it, so
   *     a single row gets its singular ("1 of 1 row is null", "1 of 8 rows are null")
   */
  public static Verdict limited(
      String subject, Limit limit, long offending, long rows, String what) {
    boolean ok = limit.allows(offending, rows);
    String share = rows == 0 ? "" : " (" + Formats.percent((double) offending / rows) + ")";
    String allowed =
        limit.maxCount() == null && limit.maxFraction() == null
            ? "none allowed"
            : "allowed " + limit.describe();
    String sentence =
        (subject == null ? "" : subject + ": ")
            + Formats.count(offending)
            + " of "
            + Formats.rows(rows)
            + (offending > 0 ? share : "")
            + " "
            + (rows == 1 ? singular(what) : what)
            + "; "
            + allowed;
    return new Verdict(!ok, (double) offending, rows, limit.describe(), sentence);
  }

  /**
   * The predicate of {@link #limited} for one row: it is written for many ("are null", "hold a
   * value …", "repeat a key …"), so "1 of 1 row is null", not "… row are null".
   */
  static String singular(String plural) {
    int space = plural.indexOf(' ');
    String verb = space < 0 ? plural : plural.substring(0, space);
    String rest = space < 0 ? "" : plural.substring(space);
    return switch (verb) {
          case "are" -> "is";
          case "have" -> "has";
          default -> verb + "s";
        }
        + rest;
  }
}
