package io.dqgate.rules.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code not_null}: at most {@code limit} rows may be missing: NULL, or NaN in float/double
 * columns.
 */
public record NotNull(RuleMeta meta, String column, Limit limit) implements DataCheck {
  public static final CheckKind<NotNull> KIND =
      new CheckKind<>("not_null", false, CheckKind.withLimit("column", "columns"), NotNull::read);

  /**
   * One rule per column: {@code columns: [a, b]} is two rules, ids {@code id.a} and {@code id.b}.
   */
  private static List<NotNull> read(io.dqgate.rules.CheckReader in) {
    Limit limit = in.limit();
    List<String> columns = in.columns(true);
    List<NotNull> checks = new ArrayList<>();
    for (String column : columns) {
      checks.add(new NotNull(in.meta(column, columns.size() > 1), column, limit));
    }
    return checks;
  }

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>(List.of("column: " + Check.quote(column)));
    limit.appendTo(f);
    return f;
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref = data.column(column);
    MetricKey.NullCount nulls = new MetricKey.NullCount(ref.name());
    MetricKey.NanCount nans = new MetricKey.NanCount(ref.name());
    data.need(nulls);
    if (ref.floating()) {
      data.need(nans);
    }
    data.profile(ref);
    return m ->
        Verdict.limited(
            column,
            limit,
            m.count(nulls) + m.count(nans),
            m.rows(),
            ref.floating() ? "are null or NaN" : "are null");
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
