package io.dqgate.rules.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code allowed_values}: values not in {@code values} (texts, {@link java.math.BigDecimal}
 * numbers, booleans). NULL and NaN are skipped: missing values are not_null's business.
 */
public record AllowedValues(RuleMeta meta, String column, List<Object> values, Limit limit)
    implements DataCheck {
  public static final CheckKind<AllowedValues> KIND =
      CheckKind.data(
          "allowed_values",
          CheckKind.withLimit("column", "values"),
          in -> {
            String column = in.column();
            List<Object> values = in.values("values");
            return new AllowedValues(in.meta(column), column, values, in.limit());
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f =
        new ArrayList<>(List.of("column: " + Check.quote(column), "values: " + Check.list(values)));
    limit.appendTo(f);
    return f;
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref =
        data.column(column, ColumnInfo::orderable, "allowed_values needs a plain value column");
    for (Object v : values) {
      data.literal(ref, v, "value");
    }
    MetricKey.NotAllowed notAllowed = new MetricKey.NotAllowed(ref.name(), List.copyOf(values));
    data.need(notAllowed);
    data.profile(ref);
    int n = values.size();
    String what =
        "hold a value outside the "
            + (n == 1 ? "allowed value " + Check.quote(values.get(0)) : n + " allowed values");
    return m -> Verdict.limited(column, limit, m.count(notAllowed), m.rows(), what);
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
