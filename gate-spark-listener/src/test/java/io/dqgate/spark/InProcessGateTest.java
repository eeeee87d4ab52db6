package io.dqgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate attached to an in-process session by spark.sql.extensions (see this module's pom). */
class InProcessGateTest {
  private static SparkSession spark;
  private static Dataset<Row> good;
  private static Dataset<Row> bad;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    good =
        spark.sql(
            "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, element_at(array('a','b','c'), CAST(id % 3 AS INT) + 1)"
                + " AS category FROM range(0, 1000, 1, 4)");
    bad =
        spark.sql(
            "SELECT id, CAST(id AS DOUBLE) AS amount, 'a' AS category FROM range(0, 500, 1, 4)");
  }

  private static long count(Path path) {
    return spark.read().parquet(path.toString()).count();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      if (t instanceof GateRejectedException) {
        return t;
      }
      t = t.getCause();
    }
    return t;
  }

  @Test
  void rejectedOverwriteKeepsTheOldData(@TempDir Path dir) {
    Path out = dir.resolve("gated").resolve("overwrite");
    good.write().parquet(out.toString());
    assertEquals(1000, count(out));
    Exception e =
        assertThrows(Exception.class, () -> bad.write().mode("overwrite").parquet(out.toString()));
    Throwable cause = rootCause(e);
    assertTrue(cause instanceof GateRejectedException, () -> "unexpected " + e);
    String message = cause.getMessage();
    assertTrue(
        message.startsWith(
            "dqgate rejected path "
                + out.toAbsolutePath()
                + " (rules \"gated_writes\"): 1 fail rule"
                + " was breached; nothing was published and the data at "
                + out.toAbsolutePath()
                + " is unchanged."),
        message);
    assertTrue(
        message.contains(
            "gated_writes.range.amount: amount: 399 of 500 rows (79.8%) are outside [0, 100];"
                + " none allowed — "),
        message);
    assertTrue(message.endsWith("inprocess.yaml:9"), message);
    assertEquals(1000, count(out));
    assertEquals(0L, spark.read().parquet(out.toString()).where("amount > 100").count());
  }

  @Test
  void passingOverwriteReplacesTheData(@TempDir Path dir) {
    Path out = dir.resolve("gated").resolve("replace");
    bad.where("amount <= 100").write().parquet(out.toString());
    assertEquals(101, count(out));
    good.write().mode("overwrite").parquet(out.toString());
    assertEquals(1000, count(out));
  }

  @Test
  void singlePassChecksAddNoJobToAWrite(@TempDir Path dir) {
    int plain =
        JobCounter.count(
            spark, () -> good.write().parquet(dir.resolve("ungated").resolve("x").toString()));
    int before = TestGate.current().ledger().results().size();
    int gated =
        JobCounter.count(
            spark, () -> good.write().parquet(dir.resolve("gated").resolve("x").toString()));
    assertEquals(plain, gated);
    List<DatasetResult> results = TestGate.current().ledger().results();
    DatasetResult last = results.get(results.size() - 1);
    assertEquals(before + 1, results.size());
    assertEquals(Status.PASS, last.status(), last.outcomes().toString());
    assertEquals(0, last.sparkJobs());
    assertEquals(1000L, last.rowCount());
  }

  @Test
  void exactChecksAddOneJob(@TempDir Path dir) {
    int plain =
        JobCounter.count(
            spark, () -> good.write().parquet(dir.resolve("ungated").resolve("y").toString()));
    int gated =
        JobCounter.count(
            spark, () -> good.write().parquet(dir.resolve("exact").resolve("y").toString()));
    assertEquals(plain + 1, gated);
    List<DatasetResult> results = TestGate.current().ledger().results();
    assertEquals(1, results.get(results.size() - 1).sparkJobs());
  }

  @Test
  void badViewStopsTheJobBeforeTheViewExists() {
    spark.conf().set("spark.dqgate.views", "eager");
    try {
      badEagerViewStopsTheJob();
    } finally {
      spark.conf().unset("spark.dqgate.views");
    }
  }

  private void badEagerViewStopsTheJob() {
    Exception e = assertThrows(Exception.class, () -> bad.createOrReplaceTempView("checked_view"));
    assertTrue(rootCause(e) instanceof GateRejectedException, () -> "unexpected " + e);
    assertTrue(
        rootCause(e)
            .getMessage()
            .startsWith(
                "dqgate rejected view checked_view: 1 fail rule was breached;"
                    + " the view was not created and the job stops here."),
        rootCause(e).getMessage());
    assertTrue(!spark.catalog().tableExists("checked_view"));
    good.createOrReplaceTempView("checked_view");
    assertTrue(spark.catalog().tableExists("checked_view"));
  }

  @Test
  void saveAsTableOverwriteIsWarnedLoudly() {
    good.write().saveAsTable("sat_target");
    good.write().mode("overwrite").saveAsTable("sat_target");
    assertTrue(
        TestGate.current().snapshot().warnings().stream()
            .anyMatch(
                w ->
                    w.contains("sat_target\") with mode overwrite cannot be protected")
                        && w.contains("insertInto(\"")),
        () -> TestGate.current().snapshot().warnings().toString());
  }
}
