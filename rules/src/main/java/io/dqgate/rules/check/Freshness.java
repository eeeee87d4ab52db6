package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code freshness}: the newest non-null value of a date or timestamp column is at most {@code
 * maxAge} old at run time. A date counts as its start of day, and a timestamp without time zone as
 * wall-clock time, in the session time zone ({@code spark.sql.session.timeZone}). No non-null value
 * is a breach: the newest is unknown.
 */
public record Freshness(RuleMeta meta, String column, Duration maxAge) implements DataCheck {
  public static final CheckKind<Freshness> KIND =
      CheckKind.data(
          "freshness",
          List.of("column", "max_age"),
          in -> {
            String column = in.column();
            Duration maxAge = in.duration("max_age");
            in.require("max_age", "add how old the newest value may be, e.g. max_age: 36h");
            return new Freshness(in.meta(column), column, maxAge == null ? Duration.ZERO : maxAge);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    return List.of("column: " + Check.quote(column), "max_age: " + Formats.duration(maxAge));
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref = data.column(column);
    if (!ref.temporal()) {
      throw new CannotPlan(
          "column "
              + ref.name()
              + " is "
              + ref.type()
              + ", and freshness needs a date or timestamp column");
    }
    MetricKey.Max newest = new MetricKey.Max(ref.name());
    data.need(newest);
    data.profile(ref);
    String threshold = "newest ≤ " + Formats.duration(maxAge) + " old";
    return m -> {
      Instant latest = instant(m.value(newest), m.zone());
      if (latest == null) {
        return new Verdict(
            true,
            null,
            m.rows(),
            threshold,
            column
                + ": no non-null value, so the newest is unknown; expected one at most "
                + Formats.duration(maxAge)
                + " old");
      }
      Duration age = Duration.between(latest, m.now());
      String ageText = age.isNegative() ? "in the future" : age(age) + " old";
      return new Verdict(
          age.compareTo(maxAge) > 0,
          (double) age.toMillis(),
          m.rows(),
          threshold,
          column
              + ": the newest value, "
              + latest
              + ", is "
              + ageText
              + "; allowed ≤ "
              + Formats.duration(maxAge));
    };
  }

  /** The newest value as an instant, whichever Java type Spark returned it as; null when absent. */
  static Instant instant(Object value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay(zone).toInstant();
    }
    if (value instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (value instanceof LocalDateTime t) {
      return t.atZone(zone).toInstant();
    }
    throw new IllegalArgumentException(
        "Cannot read " + value.getClass().getName() + " as a point in time");
  }

  /** An age as people say it, rounded down to its largest unit and the next: 2d 3h, 5h 12m, 40s. */
  static String age(Duration age) {
    long s = age.getSeconds();
    if (s >= 86_400) {
      return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    if (s >= 60) {
      return s / 60 + "m " + s % 60 + "s";
    }
    return s + "s";
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
