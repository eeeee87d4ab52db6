package io.dqgate.spark.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark.dqgate.views=observe: a temp view checked in the pass of the query that reads it. */
class ViewObserveTest {
  private static SparkSession spark;
  private static Dataset<Row> good;
  private static Dataset<Row> bad;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    good = spark.sql("SELECT id, CAST(id % 100 AS DOUBLE) AS amount FROM range(0, 1000, 1, 4)");
    bad = spark.sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(0, 500, 1, 4)");
  }

  @BeforeEach
  void observe() {
    spark.conf().set("spark.dqgate.views", "observe");
  }

  @AfterEach
  void reset() {
    spark.conf().unset("spark.dqgate.views");
  }

  private static DatasetResult lastOf(String view) {
    JobCounter.drain(spark);
    List<DatasetResult> results = TestGate.current().ledger().results();
    for (int i = results.size() - 1; i >= 0; i--) {
      if (results.get(i).ref().name().equals(view)) {
        return results.get(i);
      }
    }
    return null;
  }

  /** The last result for {@code view} recorded after the ledger held {@code before} results. */
  private static DatasetResult newOf(String view, int before) {
    DatasetResult last = lastOf(view);
    List<DatasetResult> results = TestGate.current().ledger().results();
    return results.subList(before, results.size()).contains(last) ? last : null;
  }

  private static int recorded() {
    JobCounter.drain(spark);
    return TestGate.current().ledger().results().size();
  }

  private static Throwable rejection(Throwable t) {
    while (t != null && !(t instanceof GateRejectedException)) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void aWriteOverAnObservedViewAddsNoJobAndRecordsTheView(@TempDir Path dir) {
    int plain =
        JobCounter.count(spark, () -> good.write().parquet(dir.resolve("plain").toString()));
    int created = JobCounter.count(spark, () -> good.createOrReplaceTempView("observed_view"));
    assertEquals(0, created, "observe mode checks nothing when the view is created");
    int observed =
        JobCounter.count(
            spark,
            () -> spark.table("observed_view").write().parquet(dir.resolve("observed").toString()));
    assertEquals(plain, observed);
    DatasetResult view = lastOf("observed_view");
    assertNotNull(view);
    assertEquals(1000L, view.rowCount());
    assertEquals(Status.PASS, view.status(), view.outcomes().toString());
    assertEquals(0, view.sparkJobs());
    assertTrue(view.action().startsWith("view (observed in write to "), view.action());
    assertEquals(1000L, spark.read().parquet(dir.resolve("observed").toString()).count());
  }

  @Test
  void aViewReadOnlyThroughACacheIsObservedInThePassThatBuildsTheCache(@TempDir Path dir) {
    spark.conf().set("spark.dqgate.views", "off");
    good.createOrReplaceTempView("unchecked_view");
    Dataset<Row> plainCache =
        spark.table("unchecked_view").groupBy("amount").agg(functions.sum("id")).persist();
    int plain =
        JobCounter.count(spark, () -> plainCache.write().parquet(dir.resolve("plain").toString()));
    spark.conf().set("spark.dqgate.views", "observe");
    good.createOrReplaceTempView("observed_view");
    // Reads both rule columns (id, amount): a query that pruned one would not observe the view (a
    // count("id") would not do: Spark rewrites it to count(1) for a non-nullable id).
    Dataset<Row> cache =
        spark.table("observed_view").groupBy("amount").agg(functions.sum("id")).persist();
    int before = recorded();
    try {
      int observed =
          JobCounter.count(spark, () -> cache.write().parquet(dir.resolve("observed").toString()));
      assertEquals(plain, observed, "the cache's own pass carries the view's checks");
      DatasetResult view = newOf("observed_view", before);
      assertNotNull(view, "the view read only through the cache is recorded");
      assertEquals(1000L, view.rowCount());
      assertEquals(Status.PASS, view.status(), view.outcomes().toString());
      assertEquals(0, view.sparkJobs());
    } finally {
      cache.unpersist(true);
      plainCache.unpersist(true);
    }
  }

  @Test
  void aBadViewReadThroughACacheRejectsTheWrite(@TempDir Path dir) {
    String out = dir.resolve("target").toString();
    good.write().parquet(out);
    bad.createOrReplaceTempView("observed_view");
    // Reads both rule columns (id, amount): a query that pruned one would not observe the view (a
    // count("id") would not do: Spark rewrites it to count(1) for a non-nullable id).
    Dataset<Row> cache =
        spark.table("observed_view").groupBy("amount").agg(functions.sum("id")).persist();
    int before = recorded();
    try {
      Exception e =
          assertThrows(Exception.class, () -> cache.write().mode("overwrite").parquet(out));
      Throwable rejection = rejection(e);
      assertNotNull(rejection, () -> "unexpected " + e);
      assertTrue(
          rejection.getMessage().contains("the write reads a view that breached a fail rule"),
          rejection.getMessage());
      assertEquals(1000L, spark.read().parquet(out).count());
      DatasetResult view = newOf("observed_view", before);
      assertNotNull(view);
      assertEquals(Status.FAIL, view.status());
    } finally {
      cache.unpersist(true);
    }
  }

  @Test
  void aSampleInsideTheViewDoesNotMakeItsObservationPartial(@TempDir Path dir) {
    // randomSplit / sample below the view belong to its definition: the pass reads all of the view.
    good.sample(false, 0.5, 7L).createOrReplaceTempView("observed_view");
    String out = dir.resolve("sampled").toString();
    int before = recorded();
    spark.table("observed_view").write().parquet(out);
    DatasetResult view = newOf("observed_view", before);
    assertNotNull(view, "the sampled view is observed in the write");
    assertTrue(view.action().startsWith("view (observed in write to "), view.action());
    assertEquals(spark.read().parquet(out).count(), view.rowCount());
  }

  @Test
  void aBadViewRejectsTheWriteThatReadsItAndTheOldDataSurvives(@TempDir Path dir) {
    String out = dir.resolve("target").toString();
    good.write().parquet(out);
    bad.createOrReplaceTempView("observed_view"); // not checked here in observe mode
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .table("observed_view")
                    .where("id >= 0")
                    .write()
                    .mode("overwrite")
                    .parquet(out));
    Throwable rejection = rejection(e);
    assertNotNull(rejection, () -> "unexpected " + e);
    assertTrue(
        rejection
            .getMessage()
            .startsWith("dqgate rejected view observed_view: 1 fail rule was breached;"),
        rejection.getMessage());
    assertTrue(
        rejection.getMessage().contains("the write reads a view that breached a fail rule"),
        rejection.getMessage());
    assertEquals(1000L, spark.read().parquet(out).count());
    DatasetResult view = lastOf("observed_view");
    assertEquals(Status.FAIL, view.status());
    assertEquals(500L, view.rowCount());
  }

  @Test
  void selfJoinAndSelfUnionOfAnObservedViewWork(@TempDir Path dir) {
    good.createOrReplaceTempView("observed_view");
    assertEquals(2000L, spark.table("observed_view").union(spark.table("observed_view")).count());
    good.createOrReplaceTempView("observed_view");
    String out = dir.resolve("joined").toString();
    spark
        .sql("SELECT a.id, b.amount FROM observed_view a JOIN observed_view b ON a.id = b.id")
        .write()
        .parquet(out);
    assertEquals(1000L, spark.read().parquet(out).count());
    DatasetResult view = lastOf("observed_view");
    assertTrue(view.action().startsWith("view (observed in write to "), view.action());
    assertEquals(1000L, view.rowCount());
    assertEquals(Status.PASS, view.status(), view.outcomes().toString());
  }

  @Test
  void aCountRecordsTheViewAfterTheFactAndExactChecksAreError() {
    good.createOrReplaceTempView("observed_exact");
    assertEquals(1000L, spark.table("observed_exact").count());
    DatasetResult view = lastOf("observed_exact");
    assertNotNull(view, "the view observed in count() is recorded");
    assertEquals(1000L, view.rowCount());
    assertEquals("view (observed in count)", view.action());
    Outcome unique =
        view.outcomes().stream().filter(o -> o.check().equals("unique")).findFirst().orElseThrow();
    assertEquals(Status.ERROR, unique.status());
    assertTrue(unique.explanation().contains("set spark.dqgate.views=eager"), unique.explanation());
    Outcome rows =
        view.outcomes().stream()
            .filter(o -> o.check().equals("row_count"))
            .findFirst()
            .orElseThrow();
    assertEquals(Status.PASS, rows.status());
  }

  @Test
  void aLimitIsNotACompleteObservation() {
    good.createOrReplaceTempView("observed_view");
    JobCounter.drain(spark);
    int size = TestGate.current().ledger().results().size();
    assertEquals(5, spark.table("observed_view").limit(5).collectAsList().size());
    JobCounter.drain(spark);
    assertEquals(
        size,
        TestGate.current().ledger().results().size(),
        "a limit may stop early: nothing is recorded");
  }

  @Test
  void aSqlTempViewIsObservedInAWriteAndExactChecksRunInTheWrite(@TempDir Path dir) {
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW observed_view AS SELECT id, CAST(id AS DOUBLE) AS amount FROM range(0, 500, 1, 4)");
    String out = dir.resolve("sql").toString();
    Exception e =
        assertThrows(
            Exception.class, () -> spark.sql("SELECT * FROM observed_view").write().parquet(out));
    assertNotNull(rejection(e), () -> "unexpected " + e);
    assertEquals(500L, lastOf("observed_view").rowCount());

    good.createOrReplaceTempView("observed_exact");
    int plain =
        JobCounter.count(spark, () -> good.write().parquet(dir.resolve("plain").toString()));
    int observed =
        JobCounter.count(
            spark,
            () -> spark.table("observed_exact").write().parquet(dir.resolve("exact").toString()));
    assertEquals(plain + 1, observed, "exact checks: one extra job, in the write");
    DatasetResult view = lastOf("observed_exact");
    assertEquals(Status.PASS, view.status(), view.outcomes().toString());
    assertEquals(1, view.sparkJobs());
  }

  @Test
  void aViewNeverObservedIsCheckedByOneJobAtTheEnd() {
    // Definitions other tests left unobserved (some over deleted temp dirs) are not this test's.
    TestGate.current().observedViews().takeUnobserved();
    good.createOrReplaceTempView("observed_unread");
    int jobs =
        JobCounter.count(spark, () -> new UnobservedViews(spark).onEnding(TestGate.current()));
    assertEquals(1, jobs, "one job of its own for the view no query observed");
    DatasetResult view = lastOf("observed_unread");
    assertNotNull(view);
    assertEquals(UnobservedViews.CHECKED_AT_END, view.action());
    assertEquals(Status.PASS, view.status(), view.outcomes().toString());
    assertEquals(1000L, view.rowCount());
    assertEquals(1, view.sparkJobs());
  }

  /** The columns each file scan of {@code df}'s physical plan reads. */
  private static List<List<String>> readSchemas(Dataset<Row> df) {
    List<List<String>> schemas = new java.util.ArrayList<>();
    df.queryExecution()
        .executedPlan()
        .foreach(
            new scala.runtime.AbstractFunction1<SparkPlan, scala.runtime.BoxedUnit>() {
              @Override
              public scala.runtime.BoxedUnit apply(SparkPlan node) {
                if (node instanceof FileSourceScanExec scan) {
                  schemas.add(java.util.Arrays.asList(scan.requiredSchema().fieldNames()));
                }
                return scala.runtime.BoxedUnit.UNIT;
              }
            });
    return schemas;
  }

  @Test
  void observingAViewKeepsTheReadingQuerysColumnPruning(@TempDir Path dir) {
    String source = dir.resolve("source").toString();
    good.selectExpr("id", "amount", "repeat('x', 100) AS padding").write().parquet(source);
    List<java.util.function.Supplier<Dataset<Row>>> queries =
        List.of(
            () -> spark.table("observed_view").select("padding"),
            () -> spark.table("observed_view").groupBy().count(),
            () -> spark.table("observed_view").select("id", "amount").where("amount > 5"));
    for (var query : queries) {
      spark.conf().set("spark.dqgate.views", "off");
      spark.read().parquet(source).createOrReplaceTempView("observed_view");
      List<List<String>> without = readSchemas(query.get());
      spark.conf().set("spark.dqgate.views", "observe");
      spark.read().parquet(source).createOrReplaceTempView("observed_view");
      List<List<String>> with = readSchemas(query.get());
      assertEquals(without, with, "the gate reads no column the query pruned");
    }
    // Rules on id and amount: a query that computes both observes the view in its own pass.
    assertEquals(List.of(List.of("id", "amount")), readSchemas(queries.get(2).get()));
    int before = recorded();
    queries.get(2).get().write().parquet(dir.resolve("out").toString());
    DatasetResult view = newOf("observed_view", before);
    assertNotNull(view, "observed in the write that computed its rule columns");
    assertEquals(1000L, view.rowCount());
    assertEquals(Status.PASS, view.status(), view.outcomes().toString());
    // A query that pruned them does not observe it (and does not compute them).
    before = recorded();
    spark.read().parquet(source).createOrReplaceTempView("observed_view");
    queries.get(0).get().write().parquet(dir.resolve("padding").toString());
    assertEquals(null, newOf("observed_view", before));
  }
}
