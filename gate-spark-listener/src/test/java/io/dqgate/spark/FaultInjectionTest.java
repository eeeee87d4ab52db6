package io.dqgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestFaults;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's own code made to throw (through the test-only {@code FaultInjector} seam) in the
 * optimizer rule, the commit protocol and the check rule of the in-process session, which runs
 * {@code spark.dqgate.onInternalError=fail-open} (the default): the job stays healthy, the write
 * lands, and the dataset's rules are ERROR in the results. Fail-closed (exit 4) is {@code
 * FaultInjectionIT}; the listener is {@code GateListenerFaultTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
  private static SparkSession spark;
  private static Dataset<Row> good;
  private static Dataset<Row> bad;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    good =
        spark.sql(
            "SELECT id, CAST(id % 100 AS DOUBLE) AS amount, element_at(array('a','b','c'),"
                + " CAST(id % 3 AS INT) + 1) AS category FROM range(0, 1000, 1, 4)");
    bad =
        spark.sql(
            "SELECT id, CAST(id AS DOUBLE) AS amount, 'a' AS category FROM range(0, 500, 1, 4)");
  }

  private static List<DatasetResult> resultsAfter(int before) {
    List<DatasetResult> all = TestGate.current().ledger().results();
    return all.subList(before, all.size());
  }

  private static void assertAllError(DatasetResult result, String reason) {
    assertEquals(Status.ERROR, result.status(), result.outcomes().toString());
    assertEquals(4, result.outcomes().size(), result.outcomes().toString());
    for (Outcome o : result.outcomes()) {
      assertEquals(Status.ERROR, o.status());
      assertTrue(
          o.explanation().startsWith("cannot check because " + reason + " — "), o.explanation());
    }
    assertTrue(result.published());
  }

  private static boolean warned(String where) {
    return TestGate.current().snapshot().warnings().stream()
        .anyMatch(
            w ->
                w.startsWith("dqgate internal error in " + where + ": ")
                    && w.contains("TestFaults$InjectedFault: injected fault in " + where));
  }

  @Test
  void aFaultInTheOptimizerRuleLetsTheWriteLandWithEveryRuleInError(@TempDir Path dir) {
    Path out = dir.resolve("gated").resolve("optimizer");
    int before = TestGate.current().ledger().results().size();
    try (var armed = TestFaults.arm("planning the checks of a write")) {
      bad.write().parquet(out.toString()); // breaches the range rule; unchecked, so it lands
    }
    assertEquals(500, spark.read().parquet(out.toString()).count());
    List<DatasetResult> results = resultsAfter(before);
    assertEquals(1, results.size(), results.toString());
    assertEquals("gated_writes", results.get(0).id().title());
    assertAllError(
        results.get(0),
        "of an internal gate error while planning the write's checks (see the warnings)");
    assertTrue(warned("planning the checks of a write"));
    assertTrue(TestGate.current().exitCode() != 4, "fail-open never asks for exit 4");
  }

  @Test
  void aFaultInTheCommitProtocolLetsTheWriteLandWithEveryRuleInError(@TempDir Path dir) {
    Path out = dir.resolve("gated").resolve("commit");
    good.write().parquet(out.toString());
    int before = TestGate.current().ledger().results().size();
    try (var armed = TestFaults.arm("deciding a write")) {
      bad.write().mode("overwrite").parquet(out.toString());
    }
    // Undecided is published: fail-open trades the check for the job's health.
    assertEquals(500, spark.read().parquet(out.toString()).count());
    List<DatasetResult> results = resultsAfter(before);
    assertEquals(1, results.size(), results.toString());
    assertAllError(results.get(0), "of an internal gate error (see the warnings)");
    assertTrue(warned("deciding a write"));
  }

  @Test
  void aFaultInTheCheckRuleCreatesTheViewWithEveryRuleInError() {
    int before = TestGate.current().ledger().results().size();
    // The check rule decides a view when it is created only in eager mode (observe is the default).
    spark.conf().set("spark.dqgate.views", "eager");
    try (var armed = TestFaults.arm("checking view checked_view")) {
      bad.createOrReplaceTempView("checked_view");
    } finally {
      spark.conf().unset("spark.dqgate.views");
    }
    try {
      assertEquals(500, spark.table("checked_view").count());
    } finally {
      spark.catalog().dropTempView("checked_view"); // other tests expect it absent
    }
    List<DatasetResult> results = resultsAfter(before);
    assertEquals(1, results.size(), results.toString());
    DatasetResult view = results.get(0);
    assertEquals(Status.ERROR, view.status());
    assertTrue(
        view.outcomes()
            .get(0)
            .explanation()
            .startsWith("cannot check because of an internal gate error (see the warnings) — "),
        view.outcomes().toString());
    assertTrue(warned("checking view checked_view"));
  }

  @Test
  void disarmedTheSameWritesAreCheckedAgain(@TempDir Path dir) {
    Path out = dir.resolve("gated").resolve("after");
    int before = TestGate.current().ledger().results().size();
    good.write().parquet(out.toString());
    List<DatasetResult> results = resultsAfter(before);
    assertEquals(Status.PASS, results.get(0).status(), results.toString());
  }
}
