package com.example.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScaleAndSplitTest {
  private static final int USERS = 2000;
  private static Dataset<Row> scaled;

  @BeforeAll
  static void build() {
    // A model_input-shaped table: every numeric feature is some deterministic function of the id.
    Column[] columns = new Column[ChurnFeatureJob.NUMERIC_FEATURES.length + 3];
    columns[0] = expr("concat('u', id)").as("user_id");
    columns[1] = expr("cast(id % 2 as int)").as("churned");
    columns[2] = expr("'grocery'").as("favorite_category");
    for (int i = 0; i < ChurnFeatureJob.NUMERIC_FEATURES.length; i++) {
      columns[i + 3] =
          expr("cast((id * " + (i + 3) + ") % 97 as double)")
              .as(ChurnFeatureJob.NUMERIC_FEATURES[i]);
    }
    Dataset<Row> modelInput = Fixtures.spark().range(USERS).repartition(2).select(columns);
    scaled = ChurnFeatureJob.scaleFeatures(modelInput).persist(StorageLevel.MEMORY_ONLY());
  }

  @AfterAll
  static void release() {
    scaled.unpersist();
  }

  @Test
  void scaledFeaturesHaveZeroMeanAndUnitStd() {
    List<Row> rows = scaled.select("features").collectAsList();
    int dims = ChurnFeatureJob.NUMERIC_FEATURES.length;
    double[] sum = new double[dims];
    double[] sumSq = new double[dims];
    for (Row row : rows) {
      Vector v = row.getAs(0);
      assertEquals(dims, v.size());
      for (int i = 0; i < dims; i++) {
        sum[i] += v.apply(i);
        sumSq[i] += v.apply(i) * v.apply(i);
      }
    }
    int n = rows.size();
    for (int i = 0; i < dims; i++) {
      double mean = sum[i] / n;
      double sampleVar = (sumSq[i] - n * mean * mean) / (n - 1);
      assertEquals(0.0, mean, 1e-9, ChurnFeatureJob.NUMERIC_FEATURES[i]);
      assertEquals(1.0, sampleVar, 1e-6, ChurnFeatureJob.NUMERIC_FEATURES[i]);
    }
  }

  @Test
  void splitIsDeterministicAndRoughlyEightyTwenty() {
    Set<String> train1 = trainUsers(ChurnFeatureJob.splitTrainTest(scaled, 0.8, 42));
    Set<String> train2 = trainUsers(ChurnFeatureJob.splitTrainTest(scaled, 0.8, 42));
    assertEquals(train1, train2);
    double share = train1.size() / (double) USERS;
    assertTrue(share > 0.76 && share < 0.84, "train share " + share);

    Dataset<Row> split = ChurnFeatureJob.splitTrainTest(scaled, 0.8, 42);
    assertEquals(USERS, split.count(), "every user lands in exactly one split");
    assertEquals(USERS, split.select("user_id").distinct().count());
    assertEquals(2, split.select("split").distinct().count());
    assertTrue(
        !train1.equals(trainUsers(ChurnFeatureJob.splitTrainTest(scaled, 0.8, 7))), "seed matters");
  }

  private static Set<String> trainUsers(Dataset<Row> split) {
    return split.filter(col("split").equalTo("train")).select("user_id").collectAsList().stream()
        .map(r -> r.getString(0))
        .collect(Collectors.toSet());
  }
}
