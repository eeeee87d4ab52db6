package io.dqgate.rules.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code schema}: the columns that must exist, with their Spark SQL types ({@code string}, {@code
 * double}, {@code decimal(10,2)}, ...; {@code any} for any type). With {@code allowExtra} false, no
 * other column may exist. Needs no metric: it is judged on the schema alone.
 */
public record Schema(RuleMeta meta, Map<String, String> columns, boolean allowExtra)
    implements DataCheck {
  public static final CheckKind<Schema> KIND =
      CheckKind.data(
          "schema",
          List.of("columns", "allow_extra"),
          in -> {
            Map<String, String> columns = in.types("columns");
            return new Schema(in.meta(null), columns, in.bool("allow_extra", true));
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>();
    f.add(
        "columns: "
            + columns.entrySet().stream()
                .map(e -> Check.quote(e.getKey()) + ": " + Check.quote(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}")));
    if (!allowExtra) {
      f.add("allow_extra: false");
    }
    return f;
  }

  public Judge plan(PlanContext data) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> want : columns.entrySet()) {
      ColumnInfo found = find(data.columns(), want.getKey());
      if (found == null) {
        problems.add("column " + want.getKey() + " is missing");
      } else if (!data.typeMatches(want.getValue(), found)) {
        problems.add(
            "column " + found.name() + " is " + found.type() + ", expected " + want.getValue());
      }
    }
    if (!allowExtra) {
      for (ColumnInfo c : data.columns()) {
        if (columns.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(c.name()))) {
          problems.add("column " + c.name() + " is not expected");
        }
      }
    }
    String threshold =
        columns.size()
            + " required column"
            + (columns.size() == 1 ? "" : "s")
            + (allowExtra ? "" : ", no others");
    String text =
        problems.isEmpty()
            ? "schema has the " + threshold
            : "schema: " + String.join("; ", problems);
    Verdict verdict =
        new Verdict(!problems.isEmpty(), (double) problems.size(), null, threshold, text);
    return m -> verdict;
  }

  private static ColumnInfo find(List<ColumnInfo> all, String name) {
    return all.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
