package io.dqgate.rules.check;

import io.dqgate.rules.CheckReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code range}: values outside [min, max]. Bounds are numbers ({@link BigDecimal}) or
 * date/timestamp strings; either may be absent (null). NULL and NaN are skipped: they are missing.
 */
public record Range(
    RuleMeta meta,
    String column,
    Object min,
    Object max,
    boolean minInclusive,
    boolean maxInclusive,
    Limit limit)
    implements DataCheck {
  public static final CheckKind<Range> KIND =
      CheckKind.data(
          "range",
          CheckKind.withLimit("column", "min", "max", "min_inclusive", "max_inclusive"),
          Range::read);

  private static Range read(CheckReader in) {
    String column = in.column();
    Object min = in.bound("min");
    Object max = in.bound("max");
    boolean minInclusive = in.bool("min_inclusive", true);
    boolean maxInclusive = in.bool("max_inclusive", true);
    in.requireMinOrMax("min: 0");
    if (min instanceof BigDecimal && max instanceof BigDecimal
        || min instanceof String && max instanceof String) {
      int order = compareBounds(min, max);
      if (order > 0) {
        in.problem(
            "min",
            min instanceof String
                ? "min \"" + min + "\" is after max \"" + max + "\": swap them"
                : "min "
                    + Check.quote(min)
                    + " is greater than max "
                    + Check.quote(max)
                    + ": swap them");
      } else if (order == 0 && (!minInclusive || !maxInclusive)) {
        in.problem(
            !minInclusive ? "min_inclusive" : "max_inclusive",
            "the range "
                + interval(min, max, minInclusive, maxInclusive)
                + " contains no value: make both bounds inclusive or widen the range");
      }
    } else if (min != null && max != null) {
      in.problem(
          "max",
          "\"min\" is "
              + (min instanceof String ? "a date" : "a number")
              + " but \"max\" is "
              + (max instanceof String ? "a date" : "a number")
              + ": give both as numbers or both as dates");
    }
    return new Range(in.meta(column), column, min, max, minInclusive, maxInclusive, in.limit());
  }

  /** Dates compare as written, with "T" and " " between date and time alike. */
  private static int compareBounds(Object min, Object max) {
    if (min instanceof BigDecimal a) {
      return a.compareTo((BigDecimal) max);
    }
    return ((String) min).replace('T', ' ').compareTo(((String) max).replace('T', ' '));
  }

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>(List.of("column: " + Check.quote(column)));
    if (min != null) {
      f.add("min: " + Check.quote(min));
    }
    if (max != null) {
      f.add("max: " + Check.quote(max));
    }
    if (!minInclusive) {
      f.add("min_inclusive: false");
    }
    if (!maxInclusive) {
      f.add("max_inclusive: false");
    }
    limit.appendTo(f);
    return f;
  }

  /** The interval in mathematical notation, e.g. {@code [0, 10000]}. */
  public String interval() {
    return interval(min, max, minInclusive, maxInclusive);
  }

  static String interval(Object min, Object max, boolean minInclusive, boolean maxInclusive) {
    return (minInclusive && min != null ? "[" : "(")
        + (min == null ? "-∞" : plain(min))
        + ", "
        + (max == null ? "+∞" : plain(max))
        + (maxInclusive && max != null ? "]" : ")");
  }

  private static String plain(Object bound) {
    return bound instanceof BigDecimal d ? d.toPlainString() : String.valueOf(bound);
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref = data.column(column);
    for (Object bound : java.util.Arrays.asList(min, max)) {
      if (bound instanceof BigDecimal number && ref.category() == ColumnInfo.Category.STRING) {
        // Text compares character by character ("5" > "10"): a numeric range on text would judge
        // the wrong rows.
        throw new CannotPlan(
            "column \""
                + ref.name()
                + "\" is string, and the "
                + (bound == min ? "min " : "max ")
                + number.toPlainString()
                + " is a number: text is compared character by character (\"5\" > \"10\"); write"
                + " the column as a number (cast it in the job, or give the reader a schema)");
      }
    }
    if (min != null) {
      data.literal(ref, min, "min");
    }
    if (max != null) {
      data.literal(ref, max, "max");
    }
    MetricKey.OutOfRange outside =
        new MetricKey.OutOfRange(ref.name(), min, max, minInclusive, maxInclusive);
    data.need(outside);
    data.profile(ref);
    return m ->
        Verdict.limited(column, limit, m.count(outside), m.rows(), "are outside " + interval());
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
