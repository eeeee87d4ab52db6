package io.dqgate.spark.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineage inputs skip ungated temp views and caches; a write of a temp view is that view. */
class PlansTest {
  private static LogicalPlan analyzed(SparkSession spark, String view) {
    return spark.table(view).queryExecution().analyzed();
  }

  @Test
  void inputsLookThroughUngatedViewsAndCachesToTheNearestGatedViewOrFile(@TempDir Path dir) {
    SparkSession spark = SparkTestSession.get();
    String file = dir.resolve("src").toAbsolutePath().toString();
    spark.range(10).selectExpr("id", "id * 2 AS twice").write().parquet(file);
    spark.read().parquet(file).createOrReplaceTempView("plans_raw");
    spark.table("plans_raw").where("id > 1").createOrReplaceTempView("plans_gated");
    var cached = spark.table("plans_gated").selectExpr("id", "twice + 1 AS scaled").cache();
    cached.createOrReplaceTempView("plans_scaled");
    spark.table("plans_scaled").where("id < 8").createOrReplaceTempView("plans_final");
    try {
      assertEquals(
          List.of(DatasetId.of(DatasetRef.view("plans_gated"))),
          Plans.inputs(analyzed(spark, "plans_final"), "plans_gated"::equals),
          "final reads gated through the cached, unruled scaled view");
      assertEquals(
          List.of(DatasetId.of(DatasetRef.path(file))),
          Plans.inputs(analyzed(spark, "plans_final"), v -> false),
          "with no gated view, the file is the source");

      Plans.Written written =
          Plans.written(
              spark.table("plans_final").select("id", "scaled").queryExecution().analyzed());
      assertEquals(
          "plans_final", written.view(), "a projection of a view's columns still writes the view");
      assertEquals(
          List.of(DatasetId.of(DatasetRef.view("plans_gated"))),
          Plans.inputs(written.source(), "plans_gated"::equals));
      assertNull(
          Plans.written(
                  spark.table("plans_final").selectExpr("id + 1 AS x").queryExecution().analyzed())
              .view(),
          "a computed column makes a new dataset");
    } finally {
      cached.unpersist();
    }
  }
}
