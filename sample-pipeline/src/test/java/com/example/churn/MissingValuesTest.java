package com.example.churn;

import static com.example.churn.Fixtures.bronze;
import static com.example.churn.Fixtures.byKey;
import static com.example.churn.Fixtures.doubleOf;
import static com.example.churn.Fixtures.tx;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MissingValuesTest {
  private static final LocalDate CUTOFF = LocalDate.parse("2024-03-01");
  private static Dataset<Row> modelInput;
  private static Map<String, Row> byUser;

  @BeforeAll
  static void compute() {
    Dataset<Row> input =
        bronze(
            tx("s1", "single", "2024-02-01", 42.0, "grocery"),
            tx("n1", "nullspend", "2024-02-01", null, null),
            tx("n2", "nullspend", "2024-02-03", null, null),
            tx("f1", "full", "2024-02-01", 10.0, "home"),
            tx("f2", "full", "2024-02-02", 30.0, "home"));
    Dataset<Row> features =
        ChurnFeatureJob.userFeatures(ChurnFeatureJob.temporalFeatures(input, CUTOFF), CUTOFF);
    modelInput =
        ChurnFeatureJob.handleMissingValues(ChurnFeatureJob.labelUsers(features, input, CUTOFF));
    byUser = byKey(modelInput, "user_id");
  }

  @Test
  void singleTransactionUserHasZeroSpread() {
    Row single = byUser.get("single");
    assertEquals(0.0, doubleOf(single, "spend_std"), 0.0);
    assertEquals(42.0, doubleOf(single, "avg_spend"), 1e-9);
  }

  @Test
  void userWithoutObservedSpendGetsZeroSpendAndUnknownCategory() {
    Row none = byUser.get("nullspend");
    for (String column :
        new String[] {
          "lifetime_spend",
          "avg_spend",
          "spend_std",
          "total_spend_7d",
          "avg_spend_7d",
          "total_spend_30d"
        }) {
      assertEquals(0.0, doubleOf(none, column), 0.0, column);
    }
    assertEquals("unknown", none.getAs("favorite_category"));
    assertEquals(2L, ((Number) none.getAs("transaction_count_7d")).longValue());
  }

  @Test
  void knownValuesAreUnchanged() {
    Row full = byUser.get("full");
    assertEquals(Math.sqrt(200), doubleOf(full, "spend_std"), 1e-9);
    assertEquals(40.0, doubleOf(full, "total_spend_7d"), 1e-9);
    assertEquals(20.0, doubleOf(full, "avg_spend_7d"), 1e-9);
    assertEquals("home", full.getAs("favorite_category"));
  }

  @Test
  void modelInputHasNoNulls() {
    Column anyNull = null;
    for (String column : modelInput.columns()) {
      Column isNull = col(column).isNull();
      anyNull = anyNull == null ? isNull : anyNull.or(isNull);
    }
    assertEquals(0, modelInput.filter(anyNull).count());
  }
}
