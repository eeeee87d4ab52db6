package io.dqgate.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The extra pass of a write's exact checks (rules "exact_writes": unique id, iqr_outliers amount)
 * scans the files the write staged, only the checked columns, never the write's upstream query.
 */
class StagedFilesTest {
  private static SparkSession spark;
  private static Dataset<Row> good;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    good =
        spark.sql(
            "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, element_at(array('a','b','c'),"
                + " CAST(id % 3 AS INT) + 1) AS category, repeat('x', 20) AS padding"
                + " FROM range(0, 1000, 1, 4)");
  }

  /** The plans of the queries that ran (the gate's own included), with the action's name. */
  private static final class Plans implements QueryExecutionListener {
    final List<String> names = new ArrayList<>();
    final List<SparkPlan> plans = new ArrayList<>();

    @Override
    public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      names.add(funcName);
      plans.add(qe.executedPlan());
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

    static Plans during(Runnable action) {
      Plans plans = new Plans();
      JobCounter.drain(spark);
      spark.listenerManager().register(plans);
      try {
        action.run();
      } finally {
        JobCounter.drain(spark);
        spark.listenerManager().unregister(plans);
      }
      return plans;
    }

    /** The plan of the gate's extra pass: the one aggregate collected while the write ran. */
    SparkPlan exactPass() {
      List<SparkPlan> found = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals("collectAsList")) {
          found.add(plans.get(i));
        }
      }
      assertEquals(1, found.size(), () -> "queries: " + names);
      return found.get(0);
    }
  }

  private static void leaves(SparkPlan plan, List<SparkPlan> out) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      leaves(adaptive.executedPlan(), out);
    } else if (plan instanceof QueryStageExec stage) {
      leaves(stage.plan(), out);
    } else if (plan.children().isEmpty()) {
      out.add(plan);
    } else {
      for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
        leaves(child, out);
      }
    }
  }

  /** The file scans of {@code plan}; fails on any other leaf (the upstream's Range, a relation). */
  private static List<FileSourceScanExec> fileScans(SparkPlan plan) {
    List<SparkPlan> leaves = new ArrayList<>();
    leaves(plan, leaves);
    List<FileSourceScanExec> scans = new ArrayList<>();
    for (SparkPlan leaf : leaves) {
      assertTrue(leaf instanceof FileSourceScanExec, () -> "not a file scan: " + leaf + plan);
      scans.add((FileSourceScanExec) leaf);
    }
    assertFalse(scans.isEmpty(), plan::toString);
    return scans;
  }

  private static List<String> roots(FileSourceScanExec scan) {
    return JavaConverters.seqAsJavaList(scan.relation().location().rootPaths()).stream()
        .map(p -> p.toUri().getPath())
        .toList();
  }

  private static DatasetResult last() {
    List<DatasetResult> results = TestGate.current().ledger().results();
    return results.get(results.size() - 1);
  }

  private static void assertScansOnlyTheCheckedColumnsOfTheStagedFiles(
      SparkPlan exactPass, String out, String stagingMarker) {
    for (FileSourceScanExec scan : fileScans(exactPass)) {
      assertEquals(
          List.of("id", "amount"),
          Arrays.asList(scan.requiredSchema().fieldNames()),
          "only the key and the IQR column are read");
      for (String root : roots(scan)) {
        assertTrue(root.startsWith(out + "/" + stagingMarker), root);
      }
    }
  }

  @Test
  void exactChecksScanTheStagedFilesCheckedColumnsOnly(@TempDir Path dir) {
    String out = dir.resolve("exact").resolve("staged").toAbsolutePath().toString();
    Plans plans = Plans.during(() -> good.write().parquet(out));
    assertScansOnlyTheCheckedColumnsOfTheStagedFiles(plans.exactPass(), out, "_temporary/");
    DatasetResult result = last();
    assertEquals(Status.PASS, result.status(), result.outcomes().toString());
    assertEquals(1, result.sparkJobs());
    assertEquals(1000L, spark.read().parquet(out).count());
  }

  @Test
  void partitionedWriteReadsPartitionColumnsFromTheDirectories(@TempDir Path dir) {
    String out = dir.resolve("exact").resolve("partitioned").toAbsolutePath().toString();
    // The partition column comes back from the directory names; the files hold id and amount.
    Dataset<Row> data = good.select("id", "amount", "category");
    Plans plans = Plans.during(() -> data.write().partitionBy("category").parquet(out));
    assertScansOnlyTheCheckedColumnsOfTheStagedFiles(plans.exactPass(), out, "_temporary/");
    assertEquals(Status.PASS, last().status(), last().outcomes().toString());

    String dup = dir.resolve("exact").resolve("dup").toAbsolutePath().toString();
    Dataset<Row> duplicated = data.union(data.where("id = 7"));
    Exception e =
        assertThrows(
            Exception.class, () -> duplicated.write().partitionBy("category").parquet(dup));
    assertNotNull(rejection(e), () -> "unexpected " + e);
    assertTrue(rejection(e).getMessage().contains("exact_writes.unique"), e::getMessage);
    assertFalse(new java.io.File(dup).exists(), "a rejected new write leaves no directory");
  }

  @Test
  void dynamicPartitionOverwriteScansTheStagingDirectoryAndKeepsOldPartitions(@TempDir Path dir) {
    String out = dir.resolve("exact").resolve("dynamic").toAbsolutePath().toString();
    Dataset<Row> data = good.select("id", "amount", "category");
    data.write().partitionBy("category").parquet(out);
    SparkTestSession.withSQLConf(
        Map.of("spark.sql.sources.partitionOverwriteMode", "dynamic"),
        () -> {
          Dataset<Row> newA =
              data.where("category = 'a'").selectExpr("id + 5000 AS id", "amount", "category");
          Plans plans =
              Plans.during(
                  () -> newA.write().mode("overwrite").partitionBy("category").parquet(out));
          assertScansOnlyTheCheckedColumnsOfTheStagedFiles(
              plans.exactPass(), out, ".spark-staging-");
          assertEquals(Status.PASS, last().status(), last().outcomes().toString());
          assertEquals(334L, last().rowCount());

          Dataset<Row> dupB = data.where("category = 'b'").union(data.where("id = 1"));
          Exception e =
              assertThrows(
                  Exception.class,
                  () -> dupB.write().mode("overwrite").partitionBy("category").parquet(out));
          assertNotNull(rejection(e), () -> "unexpected " + e);
          return null;
        });
    Dataset<Row> now = spark.read().parquet(out);
    assertEquals(1000L, now.count(), "a rejected dynamic overwrite keeps partition b as it was");
    assertEquals(334L, now.where("category = 'a' AND id >= 5000").count());
  }

  private static Throwable rejection(Throwable t) {
    while (t != null && !(t instanceof GateRejectedException)) {
      t = t.getCause();
    }
    return t;
  }
}
