package io.dqgate.spark.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.CollectMetricsExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's observed metrics run in {@link GateMetricsExec}: one buffer per task, shared by the
 * many input partitions a coalesced task reads, with the same values Spark's operator gives.
 */
class GateMetricsExecTest {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
  }

  @BeforeEach
  void observe() {
    spark.conf().set("spark.dqgate.views", "observe");
  }

  @AfterEach
  void reset() {
    spark.conf().unset("spark.dqgate.views");
  }

  /** 3,000 rows in 40 partitions; ids 0–29 have a null id, amounts of ids ≥ 2,950 exceed 100. */
  private static Dataset<Row> manyPartitions() {
    return spark.sql(
        "SELECT CASE WHEN id < 30 THEN NULL ELSE id END AS id,"
            + " CASE WHEN id >= 2950 THEN 1000.0 ELSE CAST(id % 100 AS DOUBLE) END AS amount"
            + " FROM range(0, 3000, 1, 40)");
  }

  @Test
  void aCoalescedViewIsObservedOncePerTaskWithExactCounts() {
    manyPartitions().createOrReplaceTempView("observed_view");
    int before = recorded();
    Dataset<Row> query = spark.table("observed_view").coalesce(2);
    List<Row> rows = query.collectAsList();
    assertEquals(3000, rows.size());

    List<SparkPlan> gate = nodes(query.queryExecution().executedPlan(), GateMetricsExec.class);
    assertEquals(1, gate.size(), () -> query.queryExecution().executedPlan().treeString());
    assertTrue(
        query.queryExecution().executedPlan().treeString().contains("Coalesce 2"),
        "one task reads 20 partitions of the observed subtree");

    DatasetResult view = newOf("observed_view", before);
    assertNotNull(view, "the coalesced read observes the view");
    assertEquals(3000L, view.rowCount());
    assertEquals(Status.FAIL, view.status());
    assertEquals(30.0, outcome(view, "not_null").observed(), "null ids, counted once each");
    assertEquals(50.0, outcome(view, "range").observed(), "amounts above 100, counted once each");
  }

  @Test
  void aGatedWriteOfManyPartitionsInFewTasksCountsEveryRowOnce(@TempDir Path dir) {
    Dataset<Row> data =
        spark
            .sql(
                "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, 'a' AS category"
                    + " FROM range(0, 5000, 1, 50)")
            .coalesce(3);
    String out = dir.resolve("gated").resolve("coalesced").toString();
    int before = recorded();
    data.write().parquet(out);
    DatasetResult write = newOf("gated_writes", before);
    assertNotNull(write, () -> TestGate.current().ledger().results().toString());
    assertEquals(Status.PASS, write.status(), write.outcomes().toString());
    assertEquals(5000L, write.rowCount());
    assertEquals(5000L, spark.read().parquet(out).count());
  }

  @Test
  void theUsersOwnObserveStaysSparksOperator() {
    Dataset<Row> observed =
        spark.range(10).toDF().observe("users_own_metrics", functions.count(functions.lit(1)));
    observed.collectAsList();
    List<SparkPlan> spark =
        nodes(observed.queryExecution().executedPlan(), CollectMetricsExec.class);
    assertEquals(1, spark.size());
    assertEquals(CollectMetricsExec.class, spark.get(0).getClass());
    assertEquals(
        10L, observed.queryExecution().observedMetrics().apply("users_own_metrics").getLong(0));
  }

  private static List<SparkPlan> nodes(SparkPlan plan, Class<?> type) {
    List<SparkPlan> found = new ArrayList<>();
    collect(plan, type, found);
    return found;
  }

  private static void collect(SparkPlan plan, Class<?> type, List<SparkPlan> found) {
    if (type.isInstance(plan)) {
      found.add(plan);
    }
    Plans.list(plan.children()).forEach(child -> collect(child, type, found));
  }

  private static Outcome outcome(DatasetResult result, String check) {
    return result.outcomes().stream()
        .filter(o -> o.check().equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + " in " + result.outcomes()));
  }

  private static int recorded() {
    JobCounter.drain(spark);
    return TestGate.current().ledger().results().size();
  }

  private static DatasetResult newOf(String name, int before) {
    JobCounter.drain(spark);
    List<DatasetResult> results = TestGate.current().ledger().results();
    for (int i = results.size() - 1; i >= before; i--) {
      if (results.get(i).id().answersTo(name)) {
        return results.get(i);
      }
    }
    return null;
  }
}
