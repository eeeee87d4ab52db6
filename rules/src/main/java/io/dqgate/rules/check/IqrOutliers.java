package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iqr_outliers}: values outside [Q1 - k·IQR, Q3 + k·IQR]. NULL and NaN are skipped, both in
 * the quartiles and in the count, which is exact (extra pass).
 */
public record IqrOutliers(RuleMeta meta, String column, double k, Limit limit)
    implements DataCheck {
  /** Tukey's fences. */
  public static final double DEFAULT_K = 1.5;

  public static final CheckKind<IqrOutliers> KIND =
      CheckKind.data(
          "iqr_outliers",
          CheckKind.withLimit("column", "k"),
          in -> {
            String column = in.column();
            double k = in.positive("k", DEFAULT_K);
            return new IqrOutliers(in.meta(column), column, k, in.limit());
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    List<String> f = new ArrayList<>(List.of("column: " + Check.quote(column)));
    if (k != DEFAULT_K) {
      f.add("k: " + Formats.number(k));
    }
    limit.appendTo(f);
    return f;
  }

  public Judge plan(PlanContext data) {
    ColumnInfo ref = data.column(column, ColumnInfo::numeric, "IQR outliers need a numeric column");
    MetricKey.Quartiles quartiles = new MetricKey.Quartiles(ref.name());
    MetricKey.IqrOutside outside = new MetricKey.IqrOutside(ref.name(), k);
    data.need(quartiles);
    data.need(outside);
    data.profile(ref);
    return m -> {
      double[] q = (double[]) m.value(quartiles);
      if (q == null) {
        return new Verdict(
            false,
            0.0,
            m.rows(),
            limit.describe(),
            column + ": no non-missing values, so no outliers");
      }
      double[] fence = MetricKey.fences(q, k);
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
              + Formats.number(k)
              + ")";
      return Verdict.limited(column, limit, m.count(outside), m.rows(), what);
    };
  }

  /** Three decimals for the message; huge and infinite values as they are (no long overflow). */
  private static double round(double v) {
    return Math.abs(v) < 1e12 ? Math.round(v * 1000.0) / 1000.0 : v;
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
