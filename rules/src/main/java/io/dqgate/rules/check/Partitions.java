package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostic {@code partitions}: {@code min}/{@code max} on the task count of the stage that wrote
 * the dataset; {@code max_empty_fraction} on the stage with the largest share of tasks that read
 * and wrote nothing.
 */
public record Partitions(RuleMeta meta, Integer min, Integer max, Double maxEmptyFraction)
    implements Diagnostic {
  public static final CheckKind<Partitions> KIND =
      CheckKind.diagnostic(
          "partitions",
          List.of("min", "max", "max_empty_fraction"),
          in -> {
            Integer min = in.intCount("min");
            Integer max = in.intCount("max");
            in.minAtMostMax(min, max);
            Double empty = in.fraction("max_empty_fraction");
            if (!in.has("min") && !in.has("max") && !in.has("max_empty_fraction")) {
              in.needs(
                  "\"min\", \"max\" or \"max_empty_fraction\"",
                  "add at least one limit, e.g. max: 2000");
            }
            return new Partitions(in.meta(null), min, max, empty);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = Check.minMax(min, max);
    if (maxEmptyFraction != null) {
      f.add("max_empty_fraction: " + Formats.number(maxEmptyFraction));
    }
    return f;
  }

  public StageVerdict judge(List<? extends StageView> stages, String where) {
    StageView out = Stages.outputStage(stages);
    int tasks = out.tasks();
    List<String> problems = new ArrayList<>();
    if (min != null && tasks < min) {
      problems.add(
          "expected at least "
              + Formats.count(min)
              + ": raise the parallelism with repartition(n)"
              + " before the write or spark.sql.shuffle.partitions");
    }
    if (max != null && tasks > max) {
      problems.add(
          "expected at most "
              + Formats.count(max)
              + ": coalesce(n) before the write, or let AQE"
              + " coalesce shuffle partitions (spark.sql.adaptive.coalescePartitions.enabled)");
    }
    StageView emptiest = null;
    for (StageView s : stages) {
      if (s.tasks() >= 2 && (emptiest == null || emptyFraction(s) > emptyFraction(emptiest))) {
        emptiest = s;
      }
    }
    boolean tooEmpty =
        maxEmptyFraction != null && emptiest != null && emptyFraction(emptiest) > maxEmptyFraction;
    String threshold =
        (min == null && max == null
                ? ""
                : "[" + (min == null ? "1" : min) + ", " + (max == null ? "+∞" : max) + "] tasks")
            + (maxEmptyFraction == null
                ? ""
                : (min == null && max == null ? "" : ", ")
                    + "≤ "
                    + Formats.percent(maxEmptyFraction)
                    + " empty tasks");
    StringBuilder s =
        new StringBuilder(out.label())
            .append(' ')
            .append(where)
            .append(" ran ")
            .append(Formats.count(tasks))
            .append(tasks == 1 ? " task" : " tasks");
    if (!problems.isEmpty()) {
      s.append("; ").append(String.join("; ", problems));
    }
    if (maxEmptyFraction != null && emptiest != null) {
      s.append(tooEmpty ? "; in " + emptiest.label() + ", " : "; at most ")
          .append(Formats.count(emptiest.emptyTasks()))
          .append(" of ")
          .append(Formats.count(emptiest.tasks()))
          .append(" tasks (")
          .append(Formats.percent(emptyFraction(emptiest)))
          .append(") read and wrote nothing")
          .append(
              tooEmpty
                  ? "; allowed ≤ "
                      + Formats.percent(maxEmptyFraction)
                      + ": lower"
                      + " spark.sql.shuffle.partitions or let AQE coalesce partitions"
                  : "");
    }
    StageView at = problems.isEmpty() && tooEmpty ? emptiest : out;
    return new StageVerdict(
        at,
        new Verdict(
            !problems.isEmpty() || tooEmpty, (double) tasks, null, threshold, s.toString()));
  }

  private static double emptyFraction(StageView s) {
    return s.tasks() == 0 ? 0 : (double) s.emptyTasks() / s.tasks();
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
