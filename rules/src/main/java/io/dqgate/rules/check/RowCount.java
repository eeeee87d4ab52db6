package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.List;

/** {@code row_count}: the number of rows is within [min, max]. */
public record RowCount(RuleMeta meta, Long min, Long max) implements DataCheck {
  public static final CheckKind<RowCount> KIND =
      CheckKind.data(
          "row_count",
          List.of("min", "max"),
          in -> {
            Long min = in.count("min");
            Long max = in.count("max");
            in.requireMinOrMax("min: 1");
            in.minAtMostMax(min, max);
            return new RowCount(in.meta(null), min, max);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    return Check.minMax(min, max);
  }

  public Judge plan(PlanContext data) {
    data.need(new MetricKey.RowCount());
    return m -> {
      long rows = m.rows();
      boolean ok = (min == null || rows >= min) && (max == null || rows <= max);
      String expected =
          min != null && max != null
              ? "between " + Formats.count(min) + " and " + Formats.count(max)
              : min != null ? "at least " + Formats.count(min) : "at most " + Formats.count(max);
      String threshold = "[" + (min == null ? "0" : min) + ", " + (max == null ? "+∞" : max) + "]";
      return new Verdict(
          !ok, (double) rows, rows, threshold, Formats.rows(rows) + "; expected " + expected);
    };
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
