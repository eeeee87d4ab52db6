package io.dqgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.reports.Reports;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty gated writes from twenty threads of one application (the shared session, enforce mode):
 * every odd one breaches the {@code range} rule. Each dataset has its own row count and its own
 * number of breaching rows, so a verdict or metric attributed to the wrong write shows: each result
 * must carry its own dataset's numbers, rejected destinations keep their old rows, and the report
 * written from the run says the same.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentWritesTest {
  private static final int WRITES = 20;

  private static int rows(int i) {
    return 100 + 7 * i;
  }

  /** Odd writes breach: {@code i} rows with amount 150 (outside [0, 100]). */
  private static int breaching(int i) {
    return i % 2 == 1 ? i : 0;
  }

  private static String query(int i) {
    return "SELECT id, IF(id < "
        + breaching(i)
        + ", 150D, CAST(id % 100 AS DOUBLE)) AS amount, 'a' AS category FROM range(0, "
        + rows(i)
        + ", 1, 2)";
  }

  @Test
  void eachVerdictAndMetricBelongsToItsOwnWrite(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      String path = dir.resolve("gated").resolve("w" + i).toAbsolutePath().toString();
      paths.add(path);
      // The old data: 10 + i clean rows, written before (and checked like any write).
      spark
          .sql("SELECT id, 1D AS amount, 'b' AS category FROM range(" + (10 + i) + ")")
          .write()
          .parquet(path);
    }
    int before = TestGate.current().ledger().results().size();

    ExecutorService pool = Executors.newFixedThreadPool(WRITES);
    List<Future<Throwable>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < WRITES; i++) {
        int n = i;
        outcomes.add(
            pool.submit(
                () -> {
                  try {
                    spark.sql(query(n)).write().mode("overwrite").parquet(paths.get(n));
                    return null;
                  } catch (Exception e) {
                    return e;
                  }
                }));
      }
      for (int i = 0; i < WRITES; i++) {
        Throwable failure = outcomes.get(i).get(240, TimeUnit.SECONDS);
        if (breaching(i) == 0) {
          assertEquals(null, failure, "write " + i + " passes");
        } else {
          GateRejectedException rejected = rejection(failure);
          assertTrue(
              rejected
                  .getMessage()
                  .startsWith("dqgate rejected path " + paths.get(i) + " (rules \"gated_writes\")"),
              rejected.getMessage());
          assertTrue(
              rejected
                  .getMessage()
                  .contains("amount: " + breaching(i) + " of " + rows(i) + " rows ("),
              rejected.getMessage());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    // The destinations: passing writes replaced the old rows, rejected ones left them as they were.
    for (int i = 0; i < WRITES; i++) {
      long count = spark.read().parquet(paths.get(i)).count();
      assertEquals(breaching(i) == 0 ? rows(i) : 10 + i, count, "rows at write " + i);
      assertEquals(
          0, spark.read().parquet(paths.get(i)).where("amount > 100").count(), "write " + i);
    }

    // The results: one per write, each with its own numbers.
    List<DatasetResult> all = TestGate.current().ledger().results();
    Map<String, List<DatasetResult>> byPath =
        all.subList(before, all.size()).stream()
            .collect(Collectors.groupingBy(r -> r.ref().name()));
    assertEquals(WRITES, byPath.size(), byPath.keySet().toString());
    for (int i = 0; i < WRITES; i++) {
      List<DatasetResult> mine = byPath.get(paths.get(i));
      assertEquals(1, mine.size(), "one result for write " + i + ": " + mine);
      assertResult(mine.get(0), i);
    }

    // The report written from this run says the same (read back from report.json).
    GateRun read =
        Reports.readJson(Reports.writeAll(TestGate.current().snapshot(), dir.resolve("r")).get(0));
    Map<String, DatasetResult> reported =
        read.datasets().stream()
            .filter(r -> paths.contains(r.ref().name()))
            .collect(
                Collectors.groupingBy(
                    r -> r.ref().name(),
                    Collectors.collectingAndThen(Collectors.toList(), l -> l.get(l.size() - 1))));
    for (int i = 0; i < WRITES; i++) {
      assertResult(reported.get(paths.get(i)), i);
    }
  }

  private static void assertResult(DatasetResult r, int i) {
    assertEquals(Long.valueOf(rows(i)), r.rowCount(), "rows of write " + i);
    Outcome range =
        r.outcomes().stream()
            .filter(o -> o.ruleId().equals("gated_writes.range.amount"))
            .findFirst()
            .orElseThrow();
    assertEquals((double) breaching(i), range.observed(), "breaching rows of write " + i);
    assertEquals(breaching(i) == 0 ? Status.PASS : Status.FAIL, r.status(), "write " + i);
    assertEquals(breaching(i) == 0, r.published(), "published, write " + i);
  }

  private static GateRejectedException rejection(Throwable t) {
    Function<Throwable, Throwable> next = Throwable::getCause;
    for (Throwable c = t; c != null; c = next.apply(c)) {
      if (c instanceof GateRejectedException g) {
        return g;
      }
    }
    throw new AssertionError("not a rejection: " + t, t);
  }
}
