package io.dqgate.core;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.Status;
import io.dqgate.rules.Check;
import io.dqgate.rules.Formats;
import io.dqgate.rules.Limit;
import io.dqgate.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/** Metrics → one outcome per rule, each with the sentence a person reads. */
final class Verdicts {
  private final CheckPlan plan;
  private final Metrics m;
  private final long rows;

  Verdicts(CheckPlan plan, Metrics metrics) {
    this.plan = plan;
    this.m = metrics;
    this.rows = metrics.count(new MetricKey.RowCount());
  }

  List<Outcome> all() {
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : plan.checks()) {
      outcomes.add(of(check));
    }
    return outcomes;
  }

  Outcome of(Check check) {
    String error = plan.error(check);
    if (error != null) {
      return error(check, "cannot check " + check.keyword() + " because " + error);
    }
    for (MetricKey key : plan.needs(check)) {
      if (!m.has(key)) {
        return error(check, "cannot check " + check.keyword() + " because its metric was not computed"
            + (key.singlePass() ? "" : " (the extra pass did not run)"));
      }
    }
    
      if (check instanceof NotNull c) {
        long nulls = m.count(new MetricKey.NullCount(plan.column(c.column()).name()));
        long nans = m.count(new MetricKey.NanCount(plan.column(c.column()).name()));
        boolean floating = plan.column(c.column()).floating();
        return limited(c, c.column(), c.limit(), nulls + nans, floating ? "are null or NaN" : "are null");
      }
      if (check instanceof Duplicates c) {
        MetricKey.DistinctKeys key = (MetricKey.DistinctKeys) plan.needs(c).get(0);
        long duplicates = rows - m.count(key);
        String subject = c.columns().isEmpty() ? null : String.join(", ", c.columns());
        return limited(
            c, subject, c.limit(), duplicates,
            c.columns().isEmpty() ? "are exact copies of an earlier row" : "repeat a key of an earlier row");
      }
      if (check instanceof Range c) {
        long outside = m.count(plan.needs(c).get(0));
        return limited(c, c.column(), c.limit(), outside, "are outside " + c.interval());
      }
      if (check instanceof IqrOutliers c) {
        double[] q = (double[]) m.get(new MetricKey.Quartiles(plan.column(c.column()).name()));
        long outside = m.count(plan.needs(c).get(1));
        if (q == null) {
          return outcome(c, Status.PASS, 0.0, rows, c.limit().describe(),
              c.column() + ": no non-missing values, so no outliers");
        }
        double[] fence = CheckPlan.fences(q, c.k());
        String what =
            "are outside the IQR fences ["
                + Formats.number(round(fence[0]))
                + ", "
                + Formats.number(round(fence[1]))
                + "] (Q1 "
                + Formats.number(round(q[0]))
                + ", Q3 "
                + Formats.number(round(q[2]))
                + ", k "
                + Formats.number(c.k())
                + ")";
        return limited(c, c.column(), c.limit(), outside, what);
      }
      if (check instanceof RowCount c) {
        boolean ok = (c.min() == null || rows >= c.min()) && (c.max() == null || rows <= c.max());
        String expected =
            c.min() != null && c.max() != null
                ? "between " + Formats.count(c.min()) + " and " + Formats.count(c.max())
                : c.min() != null ? "at least " + Formats.count(c.min()) : "at most " + Formats.count(c.max());
        String threshold = "[" + (c.min() == null ? "0" : c.min()) + ", " + (c.max() == null ? "+∞" : c.max()) + "]";
        return outcome(c, breachStatus(c, !ok), (double) rows, rows, threshold,
            Formats.count(rows) + (rows == 1 ? " row" : " rows") + "; expected " + expected);
      }
      if (check instanceof AllowedValues c) {
        long bad = m.count(plan.needs(c).get(0));
        int n = c.values().size();
        return limited(c, c.column(), c.limit(), bad,
            "hold a value outside the " + (n == 1 ? "allowed value " + c.values().get(0) : n + " allowed values"));
      }
      if (check instanceof Expression c) {
        long pass = m.count(plan.needs(c).get(0));
        String threshold = "≥ " + Formats.percent(c.minFraction());
        if (rows == 0) {
          return outcome(c, Status.PASS, null, 0L, threshold, "`" + c.sql() + "`: no rows to check");
        }
        double fraction = (double) pass / rows;
        boolean ok = fraction >= c.minFraction();
        return outcome(c, breachStatus(c, !ok), fraction, rows, threshold,
            "`" + c.sql() + "` holds for " + Formats.count(pass) + " of " + Formats.count(rows) + " rows ("
                + Formats.percent(fraction) + "); required " + threshold);
      }
      if (check instanceof Schema c) {
        return schema(c);
      }
      return error(check, "cannot check " + check.keyword() + " here: it is a diagnostic");
  }

  private Outcome schema(Schema c) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> want : c.columns().entrySet()) {
      StructField field = find(want.getKey());
      if (field == null) {
        problems.add("column " + want.getKey() + " is missing");
      } else if (!typeMatches(want.getValue(), field.dataType())) {
        problems.add("column " + field.name() + " is " + field.dataType().simpleString() + ", expected " + want.getValue());
      }
    }
    if (!c.allowExtra()) {
      for (StructField f : plan.schema().fields()) {
        if (c.columns().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(f.name()))) {
          problems.add("column " + f.name() + " is not expected");
        }
      }
    }
    String threshold = c.columns().size() + " required column" + (c.columns().size() == 1 ? "" : "s")
        + (c.allowExtra() ? "" : ", no others");
    String text = problems.isEmpty()
        ? "schema has the " + threshold
        : "schema: " + String.join("; ", problems);
    return outcome(c, breachStatus(c, !problems.isEmpty()), (double) problems.size(), null, threshold, text);
  }

  private StructField find(String name) {
    for (StructField f : plan.schema().fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  static boolean typeMatches(String want, DataType actual) {
    String w = want.toLowerCase(Locale.ROOT).replace(" ", "");
    if (w.equals("any")) {
      return true;
    }
    if (w.equals("decimal")) {
      return actual instanceof DecimalType;
    }
    try {
      return DataType.fromDDL(w).sameType(actual);
    } catch (RuntimeException e) {
      return w.equals(actual.simpleString().replace(" ", ""));
    }
  }

  /** A count-of-offending-rows rule: "{column}: 312 of 100,000 rows (0.31%) {what}; allowed ≤ 0.1%". */
  private Outcome limited(Check c, String subject, Limit limit, long offending, String what) {
    boolean ok = limit.allows(offending, rows);
    String share = rows == 0 ? "" : " (" + Formats.percent((double) offending / rows) + ")";
    String allowed = limit.maxCount() == null && limit.maxFraction() == null ? "none allowed" : "allowed " + limit.describe();
    String sentence =
        (subject == null ? "" : subject + ": ")
            + Formats.count(offending) + " of " + Formats.count(rows) + (rows == 1 ? " row" : " rows")
            + (offending > 0 ? share : "") + " " + what + "; " + allowed;
    return outcome(c, breachStatus(c, !ok), (double) offending, rows, limit.describe(), sentence);
  }

  private static Status breachStatus(Check c, boolean breached) {
    return Outcomes.breachStatus(c, breached);
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private Outcome error(Check c, String reason) {
    String subject = c.column() == null ? "" : c.column() + ": ";
    return outcome(c, Status.ERROR, null, rows, null, subject + reason);
  }

  static Outcome outcome(Check c, Status status, Double observed, Long total, String threshold, String sentence) {
    return Outcomes.of(c, status, observed, total, threshold, sentence,
        c instanceof Duplicates || c instanceof IqrOutliers);
  }
}
