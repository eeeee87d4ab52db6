package com.example.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-quality checks of {@code rules/churn.yaml} written by hand, the way the lesson this job
 * comes from writes them ({@code validate_ml_data}): one Spark action per check on the stage's
 * Dataset, before the stage is written or used. It is the baseline of {@code ./dqgate bench} (what
 * a user writes when there is no gate), so it is written plainly: no caching, no combining of
 * checks into one pass.
 *
 * <p>Per stage: one {@code count()}; one filter-count per not-null column; {@code
 * dropDuplicates(keys) .count()} against the count per unique key; one filter-count per range,
 * allowed-values list and expression; {@code approxQuantile} (relative error 0.001, as the gate's
 * quartiles) plus one filter-count per IQR column; the schema is compared without a job; a
 * cross-stage check counts (distinct users, rows) on both stages, reading the earlier one through
 * its view; the references check counts this stage's users missing from the earlier one (a left
 * anti join). Thresholds and severities are those of churn.yaml (keep the two in step): a violated
 * {@code fail} check throws, a {@code warn} check logs.
 */
public final class HandwrittenChecks {
  private static final Logger LOG = LoggerFactory.getLogger(HandwrittenChecks.class);
  private static final double QUANTILE_ERROR = 0.001;

  private final String stage;
  private final Dataset<Row> data;
  private final long rows;
  private final List<String> failures = new ArrayList<>();

  private HandwrittenChecks(String stage, Dataset<Row> data) {
    this.stage = stage;
    this.data = data;
    this.rows = data.count();
  }

  /** Runs the checks of {@code stage} (a view name of {@link ChurnFeatureJob}) on {@code data}. */
  public static void validate(String stage, Dataset<Row> data) {
    HandwrittenChecks v = new HandwrittenChecks(stage, data);
    switch (stage) {
      case ChurnFeatureJob.VIEW_REJECTS -> v.rowCount(0, 0, false);
      case ChurnFeatureJob.VIEW_BRONZE -> {
        v.schema(
            Map.of(
                "transaction_id",
                "string",
                "user_id",
                "string",
                "transaction_date",
                "date",
                "amount",
                "double",
                "category",
                "string",
                "device_type",
                "string"));
        v.rowCount(1000, Long.MAX_VALUE, true);
        v.notNull("transaction_id", 0);
        v.notNull("transaction_date", 0);
        v.notNull("user_id", 0.001);
        v.notNull("amount", 0.01);
        v.unique("transaction_id");
        v.outside("range amount", col("amount").lt(0).or(col("amount").gt(10000)), 0.001, true);
        v.iqrOutliers("amount", 6, 0.02, false);
        v.notIn("category", 0, TransactionGenerator.CATEGORIES.toArray());
        v.notIn("device_type", 0.001, TransactionGenerator.DEVICES.toArray());
        v.outside(
            "range transaction_date",
            col("transaction_date")
                .lt(lit("2020-01-01").cast("date"))
                .or(col("transaction_date").gt(lit("2030-12-31").cast("date"))),
            0,
            true);
      }
      case ChurnFeatureJob.VIEW_TEMPORAL -> {
        v.outside(
            "expression 7d<=30d",
            not(expr("transaction_count_7d <= transaction_count_30d")),
            0,
            true);
        v.outside("range transaction_count_7d", col("transaction_count_7d").lt(1), 0, true);
      }
      case ChurnFeatureJob.VIEW_USER_FEATURES -> {
        v.rowCount(10, Long.MAX_VALUE, true);
        v.unique("user_id");
        for (String c :
            List.of(
                "user_id",
                "total_transactions",
                "days_since_first_transaction",
                "days_since_last_transaction")) {
          v.notNull(c, 0);
        }
        v.outside("range total_transactions", col("total_transactions").lt(1), 0, true);
        v.outside(
            "expression days",
            not(
                expr(
                    "days_since_first_transaction >= days_since_last_transaction AND days_since_last_transaction >= 1")),
            0,
            true);
        v.outside(
            "range avg_spend", col("avg_spend").lt(0).or(col("avg_spend").gt(10000)), 0.01, false);
        v.iqrOutliers("total_transactions", 10, 0.001, false);
        v.keepsUsersOf(ChurnFeatureJob.VIEW_BRONZE, 0.95);
        v.referencesUsersOf(ChurnFeatureJob.VIEW_BRONZE);
      }
      case ChurnFeatureJob.VIEW_LABELED -> {
        v.notIn("churned", 0, 0, 1);
        v.notNull("churned", 0);
      }
      case ChurnFeatureJob.VIEW_MODEL_INPUT -> {
        for (String c : ChurnFeatureJob.FEATURE_COLUMNS) {
          v.notNull(c, 0);
        }
        v.outside("range spend_std", col("spend_std").lt(0), 0, true);
      }
      case ChurnFeatureJob.VIEW_FEATURES -> {
        v.rowCount(10, Long.MAX_VALUE, true);
        v.notIn("split", 0, "train", "test");
        for (String c : List.of("user_id", "features", "churned")) {
          v.notNull(c, 0);
        }
        // min_fraction 0.7 of rows in train: at most 30 % elsewhere.
        v.outside("expression split = 'train'", not(expr("split = 'train'")), 0.3, false);
        v.sameRowsAs(ChurnFeatureJob.VIEW_LABELED);
      }
      default ->
          throw new IllegalArgumentException(
              "Cannot check stage " + stage + " because it has no hand-written checks");
    }
    if (!v.failures.isEmpty()) {
      throw new IllegalStateException(
          "Cannot continue because stage " + stage + " failed its checks: " + v.failures);
    }
  }

  private void rowCount(long min, long max, boolean fail) {
    if (rows < min || rows > max) {
      report(fail, "row_count " + rows + " outside [" + min + ", " + max + "]");
    }
  }

  private void schema(Map<String, String> expected) {
    if (data.schema().fields().length != expected.size()) {
      report(
          true,
          "schema: " + data.schema().fields().length + " columns, expected " + expected.size());
    }
    for (StructField f : data.schema().fields()) {
      DataType type = f.dataType();
      String want = expected.get(f.name());
      if (want == null || !want.equals(type.typeName())) {
        report(
            true, "schema: column " + f.name() + " is " + type.typeName() + ", expected " + want);
      }
    }
  }

  private void notNull(String column, double maxFraction) {
    outside("not_null " + column, col(column).isNull(), maxFraction, true);
  }

  private void unique(String column) {
    long distinct = data.dropDuplicates(column).count();
    if (distinct != rows) {
      report(true, "unique " + column + ": " + (rows - distinct) + " duplicate row(s)");
    }
  }

  /** cross_stage distinct user_id ≥ {@code minRatio} of the earlier stage's: a job on each. */
  private void keepsUsersOf(String earlier, double minRatio) {
    long here = data.select(countDistinct("user_id")).first().getLong(0);
    long there =
        data.sparkSession().table(earlier).select(countDistinct("user_id")).first().getLong(0);
    if (here < minRatio * there) {
      report(true, "cross_stage user_id: " + here + " users, " + earlier + " has " + there);
    }
  }

  /** references user_id of the earlier stage: users it does not have, by a left anti join. */
  private void referencesUsersOf(String earlier) {
    long orphans =
        data.select("user_id")
            .where(col("user_id").isNotNull())
            .join(data.sparkSession().table(earlier).select("user_id"), "user_id", "left_anti")
            .count();
    if (orphans > 0) {
      report(true, "references user_id: " + orphans + " row(s) with a user " + earlier + " lacks");
    }
  }

  /** cross_stage row_count equal to the earlier stage's: one more count. */
  private void sameRowsAs(String earlier) {
    long there = data.sparkSession().table(earlier).count();
    if (rows != there) {
      report(true, "cross_stage row_count: " + rows + " rows, " + earlier + " has " + there);
    }
  }

  private void notIn(String column, double maxFraction, Object... allowed) {
    outside(
        "allowed_values " + column,
        col(column).isNotNull().and(not(col(column).isin(allowed))),
        maxFraction,
        true);
  }

  private void iqrOutliers(String column, double k, double maxFraction, boolean fail) {
    double[] q = data.stat().approxQuantile(column, new double[] {0.25, 0.75}, QUANTILE_ERROR);
    if (q.length < 2) {
      return; // no non-null value: nothing can be an outlier
    }
    double iqr = q[1] - q[0];
    outside(
        "iqr_outliers " + column,
        col(column).lt(q[0] - k * iqr).or(col(column).gt(q[1] + k * iqr)),
        maxFraction,
        fail);
  }

  /**
   * One filter-count: the rows where {@code violation} holds, as a fraction of the stage's rows.
   */
  private void outside(String check, Column violation, double maxFraction, boolean fail) {
    long bad = data.filter(violation).count();
    if (rows > 0 && (double) bad / rows > maxFraction) {
      report(fail, check + ": " + bad + " of " + rows + " rows");
    }
  }

  private void report(boolean fail, String message) {
    if (fail) {
      failures.add(message);
    } else {
      LOG.warn("{}: {}", stage, message);
    }
  }
}
