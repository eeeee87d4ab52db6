package io.dqgate.rules.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code references}: every non-null {@code column} value is a key of another gated dataset of the
 * same run ({@code stage}, its {@code stage_column}); at most {@code limit} rows may not be.
 *
 * <p>At no extra pass: the other dataset's pass also builds a Bloom filter of its non-null keys
 * ({@link MetricKey.KeyFilter}, because the engine plans {@link #feed} on its data), and this
 * dataset's pass counts the rows whose key the filter does not contain ({@link
 * MetricKey.Unmatched}). A Bloom filter has no false negatives, so every counted row is a definite
 * orphan; its false positives let some orphans through (≈ 1.8 % of them at 1,000,000 distinct keys,
 * far fewer below). The other dataset must be judged earlier in the run: this rule is planned with
 * its filter; otherwise the outcome is WARN saying so, never a pass. NULL keys are not orphans
 * ({@code not_null} covers them); keys are compared as text, so {@code 7} and {@code "7"} match.
 *
 * @param stage the other dataset, as the rule file names it
 * @param stageColumn the other dataset's key column (defaults to {@code column})
 */
public record References(
    RuleMeta meta, String column, String stage, String stageColumn, Limit limit)
    implements DataCheck, RunStages.Reader {
  public static final CheckKind<References> KIND =
      CheckKind.data(
          "references",
          CheckKind.withLimit("column", "stage", "stage_column"),
          in -> {
            String column = in.column();
            String stage = RunStages.readStage(in);
            String stageColumn = in.has("stage_column") ? in.text("stage_column") : null;
            return new References(
                in.meta(column),
                column,
                stage,
                stageColumn == null || stageColumn.equals(column) ? null : stageColumn,
                in.limit());
          });

  public String keyword() {
    return KIND.keyword();
  }

  /** The other dataset's key column: {@code stage_column}, else {@code column}. */
  public String otherColumn() {
    return stageColumn != null ? stageColumn : column;
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>(List.of("column: " + Check.quote(column)));
    f.add("stage: " + Check.quote(stage));
    if (stageColumn != null) {
      f.add("stage_column: " + Check.quote(stageColumn));
    }
    limit.appendTo(f);
    return f;
  }

  /** Builds, in the other dataset's own pass, the filter of its keys this rule tests against. */
  public void feed(PlanContext stageData) {
    stageData.need(new MetricKey.KeyFilter(stageData.column(otherColumn()).name()));
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref = data.column(column);
    String keys = stage + "." + otherColumn();
    RunStages.Found found = data.runStages().lookup(stage);
    Object filter =
        found.stage() == null
            ? null
            : found.stage().metrics().get(MetricKey.label(new MetricKey.KeyFilter(otherColumn())));
    if (!(filter instanceof byte[] bytes)) {
      String why =
          found.stage() == null
              ? found.why()
              : found.stage().id().title()
                  + " recorded no keys of "
                  + otherColumn()
                  + " (does it have that column?)";
      return m ->
          Verdict.undecided(
              Verdict.Basis.NO_OTHER_STAGE,
              null,
              limit.describe(),
              column + ": cannot check the keys against " + keys + " because " + why);
    }
    MetricKey.Unmatched unmatched = new MetricKey.Unmatched(ref.name(), keys, bytes);
    data.need(unmatched);
    String title = found.stage().id().title();
    return m ->
        Verdict.limited(
            column,
            limit,
            m.count(unmatched),
            m.rows(),
            "have a key not found in "
                + title
                + "."
                + otherColumn()
                + (found.stage().published() ? "" : " (its write was stopped)")
                + " (Bloom filter: every one counted is missing; a few more may be)");
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
