package com.example.churn;

import static com.example.churn.Fixtures.bronze;
import static com.example.churn.Fixtures.byKey;
import static com.example.churn.Fixtures.doubleOf;
import static com.example.churn.Fixtures.longOf;
import static com.example.churn.Fixtures.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserFeaturesTest {
  private static final LocalDate CUTOFF = LocalDate.parse("2024-03-01");
  private static Map<String, Row> users;

  @BeforeAll
  static void compute() {
    Dataset<Row> input =
        bronze(
            // a: amounts 10, 20, 30 → mean 20, sample std 10.
            tx("a1", "a", "2024-01-01", 10.0, "grocery"),
            tx("a2", "a", "2024-01-15", 20.0, "travel"),
            tx("a3", "a", "2024-02-10", 30.0, "grocery"),
            tx("a4", "a", "2024-03-02", 999.0, "travel"), // after the cutoff: ignored
            // b: fashion and home both twice; home has the higher spend.
            tx("b1", "b", "2024-02-01", 5.0, "fashion"),
            tx("b2", "b", "2024-02-02", 5.0, "fashion"),
            tx("b3", "b", "2024-02-03", 20.0, "home"),
            tx("b4", "b", "2024-02-04", 1.0, "home"),
            // c: sports and health tie on count and spend → alphabetical: health.
            tx("c1", "c", "2024-02-01", 10.0, "sports"),
            tx("c2", "c", "2024-02-01", 10.0, "health"),
            // d: null categories are not candidates; one transaction → no std.
            tx("d1", "d", "2024-02-20", 8.0, null),
            tx("d2", "d", "2024-02-21", null, "sports"),
            tx("d3", "d", "2024-02-22", null, null),
            // e: only null categories.
            tx("e1", "e", "2024-02-28", 3.0, null));
    users =
        byKey(
            ChurnFeatureJob.userFeatures(ChurnFeatureJob.temporalFeatures(input, CUTOFF), CUTOFF),
            "user_id");
  }

  @Test
  void aggregatesAndDaysRelativeToCutoff() {
    Row a = users.get("a");
    assertEquals(3, longOf(a, "total_transactions"));
    assertEquals(60.0, doubleOf(a, "lifetime_spend"), 1e-9);
    assertEquals(20.0, doubleOf(a, "avg_spend"), 1e-9);
    assertEquals(10.0, doubleOf(a, "spend_std"), 1e-9);
    assertEquals(60, longOf(a, "days_since_first_transaction"), "Jan 1 → Mar 1 2024 (leap year)");
    assertEquals(20, longOf(a, "days_since_last_transaction"), "Feb 10 → Mar 1 2024");
    assertEquals(2, longOf(a, "unique_categories"));
    assertEquals("grocery", a.getAs("favorite_category"));
  }

  @Test
  void temporalFeaturesComeFromTheLatestPreCutoffTransaction() {
    Row a = users.get("a"); // latest: Feb 10; Jan 15 is 26 days earlier, Jan 1 is 40 days earlier
    assertEquals(1, longOf(a, "transaction_count_7d"));
    assertEquals(30.0, doubleOf(a, "total_spend_7d"), 1e-9);
    assertEquals(30.0, doubleOf(a, "avg_spend_7d"), 1e-9);
    assertEquals(2, longOf(a, "transaction_count_30d"));
    assertEquals(50.0, doubleOf(a, "total_spend_30d"), 1e-9);

    Row c = users.get("c"); // two transactions on the latest day: both in the window
    assertEquals(2, longOf(c, "transaction_count_7d"));
    assertEquals(20.0, doubleOf(c, "total_spend_7d"), 1e-9);
  }

  @Test
  void favoriteCategoryTiesGoToHigherSpendThenName() {
    assertEquals("home", users.get("b").getAs("favorite_category"), "2 vs 2 rows, 21 vs 10 spend");
    assertEquals("health", users.get("c").getAs("favorite_category"), "equal rows and spend");
    assertEquals("sports", users.get("d").getAs("favorite_category"), "nulls are not a category");
    assertNull(users.get("e").getAs("favorite_category"));
  }

  @Test
  void nullsInUserFeaturesBeforeMissingValueHandling() {
    Row d = users.get("d");
    assertEquals(3, longOf(d, "total_transactions"));
    assertEquals(1, longOf(d, "unique_categories"));
    assertNull(d.getAs("spend_std"), "a single non-null amount has no sample std");
    assertEquals(8.0, doubleOf(d, "lifetime_spend"), 1e-9);
    assertEquals(0, longOf(users.get("e"), "unique_categories"));
    assertEquals(5, users.size());
  }
}
