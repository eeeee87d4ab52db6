package com.example.churn;

import static com.example.churn.Fixtures.bronze;
import static com.example.churn.Fixtures.byKey;
import static com.example.churn.Fixtures.longOf;
import static com.example.churn.Fixtures.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class ChurnLabelTest {
  private static final LocalDate CUTOFF = LocalDate.parse("2024-03-01");

  private static final Row[] PRE_CUTOFF = {
    tx("a1", "a", "2024-02-20", 10.0, "grocery"),
    tx("b1", "b", "2024-02-10", 20.0, "home"),
    tx("c1", "c", "2024-01-05", 30.0, "travel"),
    tx("d1", "d", "2024-02-01", 40.0, "sports"),
    tx("f1", "f", "2024-02-29", 50.0, "health"), // the last day before the cutoff
  };
  private static final Row[] POST_CUTOFF = {
    tx("a2", "a", "2024-03-01", 1000.0, "travel"), // on the cutoff: in the label window
    tx("b2", "b", "2024-03-30", 1000.0, "travel"), // cutoff + 29: last day of the window
    tx("c2", "c", "2024-03-31", 1000.0, "travel"), // cutoff + 30: after the window
    tx("e1", "e", "2024-03-05", 1000.0, "travel"), // no pre-cutoff history
  };

  private static Dataset<Row> labeled(Row... rows) {
    Dataset<Row> input = bronze(rows);
    Dataset<Row> features =
        ChurnFeatureJob.userFeatures(ChurnFeatureJob.temporalFeatures(input, CUTOFF), CUTOFF);
    return ChurnFeatureJob.labelUsers(features, input, CUTOFF);
  }

  private static Row[] all() {
    List<Row> rows = new ArrayList<>(Arrays.asList(PRE_CUTOFF));
    rows.addAll(Arrays.asList(POST_CUTOFF));
    return rows.toArray(new Row[0]);
  }

  @Test
  void labelWindowIsCutoffInclusiveToCutoffPlus30Exclusive() {
    Dataset<Row> labeled = labeled(all());
    assertEquals(DataTypes.IntegerType, labeled.schema().apply("churned").dataType());
    Map<String, Row> byUser = byKey(labeled, "user_id");
    assertEquals(0, longOf(byUser.get("a"), "churned"), "transaction on the cutoff day");
    assertEquals(0, longOf(byUser.get("b"), "churned"), "transaction on cutoff + 29");
    assertEquals(1, longOf(byUser.get("c"), "churned"), "next transaction on cutoff + 30");
    assertEquals(1, longOf(byUser.get("d"), "churned"), "no later transaction");
    assertEquals(1, longOf(byUser.get("f"), "churned"), "cutoff - 1 is history, not label window");
    assertEquals(Set.of("a", "b", "c", "d", "f"), byUser.keySet(), "e has no pre-cutoff history");
  }

  @Test
  void postCutoffTransactionsDoNotChangeFeatures() {
    Dataset<Row> withFuture = labeled(all()).drop("churned");
    Dataset<Row> historyOnly = labeled(PRE_CUTOFF).drop("churned");
    assertEquals(sorted(historyOnly), sorted(withFuture));
    Row a = byKey(withFuture, "user_id").get("a");
    assertEquals(1, longOf(a, "total_transactions"), "the cutoff-day transaction is not a feature");
    assertEquals(1, longOf(a, "unique_categories"));
    assertEquals(10, longOf(a, "days_since_last_transaction"), "Feb 20 → Mar 1 2024");
  }

  private static List<String> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }
}
