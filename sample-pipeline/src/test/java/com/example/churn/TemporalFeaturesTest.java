package com.example.churn;

import static com.example.churn.Fixtures.bronze;
import static com.example.churn.Fixtures.byKey;
import static com.example.churn.Fixtures.doubleOf;
import static com.example.churn.Fixtures.longOf;
import static com.example.churn.Fixtures.tx;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;

class TemporalFeaturesTest {
  private static final LocalDate CUTOFF = LocalDate.parse("2024-03-01");

  @Test
  void sevenDayWindowCountsCalendarDaysNotRows() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-01-01", 10.0, "grocery"),
            tx("t2", "a", "2024-01-02", 20.0, "grocery"),
            tx("t3", "a", "2024-01-10", 40.0, "travel"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");

    Row day10 = out.get("t3");
    assertEquals(1, longOf(day10, "transaction_count_7d"), "only day 10 is within [day 4, day 10]");
    assertEquals(40.0, doubleOf(day10, "total_spend_7d"), 1e-9);
    assertEquals(40.0, doubleOf(day10, "avg_spend_7d"), 1e-9);
    assertEquals(3, longOf(day10, "transaction_count_30d"));
    assertEquals(70.0, doubleOf(day10, "total_spend_30d"), 1e-9);

    Row day2 = out.get("t2");
    assertEquals(2, longOf(day2, "transaction_count_7d"));
    assertEquals(30.0, doubleOf(day2, "total_spend_7d"), 1e-9);
    assertEquals(15.0, doubleOf(day2, "avg_spend_7d"), 1e-9);

    // The trap this guards against: a rows-based frame counts the last 7 rows, not the last 7 days.
    Row rowsBased =
        input
            .withColumn(
                "rows_7",
                count(lit(1))
                    .over(
                        Window.partitionBy("user_id")
                            .orderBy("transaction_date")
                            .rowsBetween(-6, 0)))
            .filter("transaction_id = 't3'")
            .first();
    assertEquals(3, longOf(rowsBased, "rows_7"));
  }

  @Test
  void sevenDayWindowBoundaryIsSixDaysBack() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-01-01", 1.0, "grocery"),
            tx("t2", "a", "2024-01-07", 2.0, "grocery"),
            tx("t3", "a", "2024-01-08", 4.0, "grocery"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");
    assertEquals(2, longOf(out.get("t2"), "transaction_count_7d"), "day 1 is 6 days before day 7");
    assertEquals(3.0, doubleOf(out.get("t2"), "total_spend_7d"), 1e-9);
    assertEquals(2, longOf(out.get("t3"), "transaction_count_7d"), "day 1 is 7 days before day 8");
    assertEquals(6.0, doubleOf(out.get("t3"), "total_spend_7d"), 1e-9);
  }

  @Test
  void thirtyDayWindowBoundaryIsTwentyNineDaysBack() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-01-01", 1.0, "grocery"),
            tx("t2", "a", "2024-01-30", 2.0, "grocery"),
            tx("t3", "a", "2024-01-31", 4.0, "grocery"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");
    assertEquals(
        2, longOf(out.get("t2"), "transaction_count_30d"), "Jan 1 is 29 days before Jan 30");
    assertEquals(3.0, doubleOf(out.get("t2"), "total_spend_30d"), 1e-9);
    assertEquals(
        2, longOf(out.get("t3"), "transaction_count_30d"), "Jan 1 is 30 days before Jan 31");
    assertEquals(6.0, doubleOf(out.get("t3"), "total_spend_30d"), 1e-9);
    assertEquals(2, longOf(out.get("t3"), "transaction_count_7d"), "Jan 30 and Jan 31");
  }

  @Test
  void sameDayTransactionsAreInEachOthersWindowAndUsersDoNotMix() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-02-01", 5.0, "grocery"),
            tx("t2", "a", "2024-02-01", 7.0, "home"),
            tx("t3", "b", "2024-02-01", 100.0, "home"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");
    for (String id : Set.of("t1", "t2")) {
      assertEquals(2, longOf(out.get(id), "transaction_count_7d"));
      assertEquals(12.0, doubleOf(out.get(id), "total_spend_7d"), 1e-9);
    }
    assertEquals(1, longOf(out.get("t3"), "transaction_count_7d"));
    assertEquals(100.0, doubleOf(out.get("t3"), "total_spend_30d"), 1e-9);
  }

  @Test
  void onlyDatedAttributedTransactionsBeforeTheCutoffAreKept() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-02-29", 1.0, "grocery"), // the day before the cutoff: kept
            tx(
                "t2",
                "a",
                "2024-03-01",
                2.0,
                "grocery"), // on the cutoff: label window, not features
            tx("t3", "a", "2024-03-05", 4.0, "grocery"),
            tx("t4", null, "2024-02-10", 8.0, "grocery"),
            tx("t5", "a", null, 16.0, "grocery"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");
    assertEquals(Set.of("t1"), out.keySet());
    assertEquals(1.0, doubleOf(out.get("t1"), "total_spend_30d"), 1e-9);
  }

  @Test
  void nullAmountsCountAsTransactionsButAddNoSpend() {
    Dataset<Row> input =
        bronze(
            tx("t1", "a", "2024-02-01", null, "grocery"),
            tx("t2", "a", "2024-02-02", 6.0, "grocery"),
            tx("t3", "b", "2024-02-02", null, "grocery"));
    Map<String, Row> out = byKey(ChurnFeatureJob.temporalFeatures(input, CUTOFF), "transaction_id");
    assertEquals(2, longOf(out.get("t2"), "transaction_count_7d"));
    assertEquals(6.0, doubleOf(out.get("t2"), "total_spend_7d"), 1e-9);
    assertEquals(6.0, doubleOf(out.get("t2"), "avg_spend_7d"), 1e-9);
    Row allNull = out.get("t3");
    assertEquals(1, longOf(allNull, "transaction_count_7d"));
    assertNull(allNull.getAs("total_spend_7d"));
    assertNull(allNull.getAs("avg_spend_7d"));
    assertNull(allNull.getAs("total_spend_30d"));
  }
}
