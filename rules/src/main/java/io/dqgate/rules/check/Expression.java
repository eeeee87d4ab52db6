package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code expression}: a Spark SQL boolean expression that at least {@code minFraction} of the rows
 * must satisfy. A row where it is null does not satisfy it.
 */
public record Expression(RuleMeta meta, String sql, double minFraction) implements DataCheck {
  public static final CheckKind<Expression> KIND =
      CheckKind.data(
          "expression",
          List.of("sql", "min_fraction"),
          in -> {
            String sql = in.text("sql");
            in.require("sql", "add the condition each row must meet, e.g. sql: \"amount >= 0\"");
            Double minFraction = in.fraction("min_fraction");
            return new Expression(
                in.meta(null), sql == null ? "" : sql, minFraction == null ? 1.0 : minFraction);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>(List.of("sql: " + Check.quote(sql)));
    if (minFraction != 1.0) {
      f.add("min_fraction: " + Formats.number(minFraction));
    }
    return f;
  }

  public Judge plan(PlanContext data) {
    data.condition(sql);
    MetricKey.ExpressionTrue holds = new MetricKey.ExpressionTrue(sql);
    data.need(holds);
    String threshold = "≥ " + Formats.percent(minFraction);
    return m -> {
      long rows = m.rows();
      if (rows == 0) {
        return new Verdict(false, null, 0L, threshold, "`" + sql + "`: no rows to check");
      }
      long pass = m.count(holds);
      double fraction = (double) pass / rows;
      return new Verdict(
          fraction < minFraction,
          fraction,
          rows,
          threshold,
          "`"
              + sql
              + "` holds for "
              + Formats.count(pass)
              + " of "
              + Formats.rows(rows)
              + " ("
              + Formats.percent(fraction)
              + "); required "
              + threshold);
    };
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
