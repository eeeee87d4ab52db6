package io.dqgate.rules.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code unique} / {@code duplicates}: rows that repeat an earlier row's key (all columns when
 * {@code columns} is empty, which only {@code duplicates} allows). Both tolerate nothing unless a
 * limit is given. Counted exactly, in the extra pass.
 */
public record Duplicates(RuleMeta meta, String keyword, List<String> columns, Limit limit)
    implements DataCheck {
  public static final CheckKind<Duplicates> UNIQUE =
      new CheckKind<>(
          "unique", false, CheckKind.withLimit("column", "columns"), in -> read(in, true));
  public static final CheckKind<Duplicates> KIND =
      new CheckKind<>(
          "duplicates", false, CheckKind.withLimit("column", "columns"), in -> read(in, false));

  private static List<Duplicates> read(io.dqgate.rules.CheckReader in, boolean unique) {
    List<String> columns = in.columns(unique);
    Limit limit = in.limit();
    if (unique && columns.isEmpty()) {
      return List.of(); // reported as missing
    }
    return List.of(
        new Duplicates(
            in.meta(columns.isEmpty() ? null : String.join(",", columns)),
            in.keyword(),
            columns,
            limit));
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>();
    if (columns.size() == 1) {
      f.add("column: " + Check.quote(columns.get(0)));
    } else if (!columns.isEmpty()) {
      f.add("columns: " + Check.list(columns));
    }
    limit.appendTo(f);
    return f;
  }

  @Override
  public String column() {
    return columns.size() == 1 ? columns.get(0) : null;
  }

  public Judge plan(PlanContext data) {
    List<ColumnInfo> keyColumns =
        columns.isEmpty() ? data.columns() : columns.stream().map(data::column).toList();
    List<String> names = new ArrayList<>();
    for (ColumnInfo ref : keyColumns) {
      if (ref.map()) {
        throw new CannotPlan(
            "column \"" + ref.name() + "\" is a map, and Spark cannot compare maps for " + keyword);
      }
      names.add(ref.name());
    }
    MetricKey distinct =
        limit.equals(Limit.NONE_ALLOWED)
            ? new MetricKey.UniqueKeys(List.copyOf(names))
            : new MetricKey.DistinctKeys(List.copyOf(names));
    data.need(distinct);
    String subject = columns.isEmpty() ? null : String.join(", ", columns);
    return m ->
        Verdict.limited(
            subject,
            limit,
            m.rows() - m.count(distinct),
            m.rows(),
            columns.isEmpty()
                ? "are exact copies of an earlier row"
                : "repeat a key of an earlier row");
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
