package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.check.History;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metric history ({@code spark.dqgate.history}) and the {@code change} rule over it. */
class MetricHistoryTest {
  @TempDir Path dir;

  @AfterEach
  void unset() {
    SparkTestSession.get().conf().unset(MetricHistory.KEY);
    SparkTestSession.get().conf().unset(MetricHistory.RETENTION_KEY);
  }

  @Test
  void parallelWritersNeverCorruptTheHistory() throws Exception {
    MetricHistory history = new MetricHistory(dir.toString(), new Configuration(), 1000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> writes = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int writer = w;
      writes.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  history.append(
                      "orders",
                      "writer-" + writer,
                      Instant.ofEpochMilli(1_000_000L + i * 8L + writer),
                      Map.of("RowCount[]", (double) (writer * 100 + i)));
                }
                return null;
              }));
    }
    for (Future<?> f : writes) {
      f.get();
    }
    pool.shutdown();
    History h = history.read("orders");
    assertNull(h.problem());
    assertEquals(200, h.runs().size());
    for (int i = 1; i < h.runs().size(); i++) {
      assertTrue(!h.runs().get(i).time().isBefore(h.runs().get(i - 1).time()));
    }
    try (Stream<Path> left = Files.list(dir.resolve("orders"))) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("_")).count());
    }
  }

  @Test
  void retentionKeepsTheNewestRuns() throws Exception {
    MetricHistory history = new MetricHistory(dir.toString(), new Configuration(), 3);
    for (int i = 1; i <= 5; i++) {
      history.append("orders", "run" + i, Instant.ofEpochSecond(i), Map.of("RowCount[]", 1.0 * i));
    }
    History h = history.read("orders");
    assertEquals(List.of("run3", "run4", "run5"), h.runs().stream().map(History.Run::run).toList());
    assertEquals(5.0, h.runs().get(2).metrics().get("RowCount[]"));
  }

  @Test
  void threeRunsTheThirdLosingHalfItsRowsFailsTheChangeRule() {
    SparkSession spark = SparkTestSession.get();
    spark.conf().set(MetricHistory.KEY, dir.toString());
    RuleSet rules =
        Fixtures.rules(
            "orders",
            "change: {metric: row_count, max_decrease: 0.3}",
            "change: {metric: null_fraction, column: note, compare_to: mean, runs: 2,"
                + " max_increase: 0.5}");
    Dataset<Row> normal = spark.range(1000).selectExpr("id", "CAST(NULL AS STRING) AS note");
    Dataset<Row> half = normal.where("id % 2 = 0");

    DatasetResult run1 = DqGate.evaluate(normal, DatasetRef.stage("orders"), rules);
    assertEquals(Status.PASS, run1.status());
    Outcome first = run1.outcomes().get(0);
    assertEquals(Status.INFO, first.status());
    assertTrue(
        first.explanation().startsWith("row_count: 1,000 in this run; 0 earlier runs recorded it,"),
        first.explanation());

    DatasetResult run2 = DqGate.evaluate(normal, DatasetRef.stage("orders"), rules);
    assertEquals(Status.PASS, run2.status());
    assertEquals(Status.PASS, run2.outcomes().get(0).status());
    assertEquals(Status.PASS, run2.outcomes().get(1).status());

    DatasetResult run3 = DqGate.evaluate(half, DatasetRef.stage("orders"), rules);
    assertEquals(Status.FAIL, run3.status());
    Outcome change = run3.outcomes().get(0);
    assertEquals(Status.FAIL, change.status());
    String runName = spark.sparkContext().applicationId();
    assertTrue(
        change
            .explanation()
            .matches(
                "row_count: 500 in this run vs 1,000 in run "
                    + runName
                    + " \\(20\\d\\d-.*Z\\): −50(\\.0)?%; allowed decrease ≤ 30(\\.0)?% — .*"),
        change.explanation());
    assertEquals(500.0, change.observed());
    assertEquals(Status.PASS, run3.outcomes().get(1).status());
    assertEquals(
        3, new MetricHistory(dir.toString(), new Configuration(), 10).read("orders").runs().size());
  }

  @Test
  void withoutHistoryTheRuleWarnsAndAnUnreadableHistoryIsAnError() throws Exception {
    SparkSession spark = SparkTestSession.get();
    RuleSet rules = Fixtures.rules("orders", "change: {metric: row_count, max_decrease: 0.3}");
    Dataset<Row> data = spark.range(10).toDF();
    Outcome none = DqGate.evaluate(data, DatasetRef.stage("orders"), rules).outcomes().get(0);
    assertEquals(Status.WARN, none.status());
    assertTrue(none.explanation().contains("set spark.dqgate.history"), none.explanation());

    spark.conf().set(MetricHistory.KEY, dir.toString());
    Files.createDirectories(dir.resolve("orders"));
    Files.writeString(
        dir.resolve("orders").resolve("0000000000001-x-y.properties"), "run=x\ntime=yesterday\n");
    Outcome broken = DqGate.evaluate(data, DatasetRef.stage("orders"), rules).outcomes().get(0);
    assertEquals(Status.ERROR, broken.status());
    assertTrue(broken.explanation().contains("could not be read"), broken.explanation());
    assertTrue(broken.explanation().contains("unreadable time yesterday"), broken.explanation());
  }
}
