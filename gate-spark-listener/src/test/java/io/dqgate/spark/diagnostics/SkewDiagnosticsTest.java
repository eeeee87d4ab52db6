package io.dqgate.spark.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage diagnostics on real Spark jobs in the in-process session (rules: diag_skew and diag_files
 * in src/test/resources/rules/inprocess.yaml). 200,000 rows, 8 shuffle partitions; in the skewed
 * data 80% of the rows share key 0.
 */
class SkewDiagnosticsTest {
  private static final Map<String, String> SHUFFLE =
      Map.of(
          "spark.sql.shuffle.partitions", "8",
          "spark.sql.autoBroadcastJoinThreshold", "-1");
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
  }

  private static Dataset<Row> facts(boolean skewed) {
    String key = skewed ? "IF(id % 10 < 8, 0, id % 1000)" : "id % 1000";
    return spark.sql(
        "SELECT " + key + " AS k, id, concat('payload-', id) AS v FROM range(0, 200000, 1, 4)");
  }

  private static Dataset<Row> dimension() {
    return spark.sql("SELECT id AS k, concat('name-', id) AS name FROM range(0, 1000, 1, 2)");
  }

  /** Writes with 8 shuffle partitions and returns the stage outcomes that name {@code out}. */
  private static List<Outcome> write(Dataset<Row> data, Path out) {
    SparkTestSession.withSQLConf(
        SHUFFLE,
        () -> {
          data.write().parquet(out.toString());
          return null;
        });
    JobCounter.drain(spark); // the execution's end reached the listener: its stages were judged
    return TestGate.current().snapshot().stageOutcomes().stream()
        .filter(
            o ->
                o.explanation().contains("path " + out.toAbsolutePath() + ":")
                    || o.explanation().contains("path " + out.toAbsolutePath() + " "))
        .toList();
  }

  private static Outcome skew(List<Outcome> outcomes) {
    List<Outcome> skew =
        outcomes.stream().filter(o -> o.ruleId().equals("diag_skew.partition_skew")).toList();
    assertEquals(1, skew.size(), outcomes::toString);
    return skew.get(0);
  }

  private static StageSummary stageOf(Path out, Outcome o) {
    GateRun run = TestGate.current().snapshot();
    return run.stages().stream()
        .filter(
            s ->
                s.dataset() != null
                    && s.dataset().has(DatasetRef.path(out.toAbsolutePath().toString()))
                    && o.explanation().startsWith("stage " + s.stageId() + " "))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no stage summary for " + o.explanation() + " in " + run.stages()));
  }

  @Test
  void hotKeyInAnAggregationIsFlaggedThoughMapSideCombineEvensTheRecords(@TempDir Path dir) {
    // collect_list keeps every payload: the hot key's partition gets one buffer per map task (few
    // records)
    // holding 80% of the bytes.
    Path out = dir.resolve("diag").resolve("agg_skewed");
    Outcome o =
        skew(
            write(
                facts(true)
                    .groupBy("k")
                    .agg(org.apache.spark.sql.functions.collect_list("v").as("vs")),
                out));
    assertEquals(Status.FAIL, o.status(), o.explanation());
    assertTrue(o.observed() > 4, o.explanation());
    assertTrue(
        o.explanation()
            .matches(
                "stage \\d+ \\(parquet at SkewDiagnosticsTest\\.java:\\d+\\) writing path "
                    + java.util.regex.Pattern.quote(out.toAbsolutePath().toString())
                    + ": the largest of its 8 tasks read .* of shuffle"
                    + " data vs a median of .* \\(\\d+×; allowed ≤ 4×\\); that one task read .*% of the stage's .* One key is likely"
                    + " hot: salt it .* — .*inprocess\\.yaml:\\d+"),
        o.explanation());
    StageSummary stage = stageOf(out, o);
    assertEquals(8, stage.tasks());
    assertTrue(
        stage.shuffleReadBytes().max() > 0.7 * stage.shuffleReadTotalBytes(), stage.toString());
    assertEquals(
        3, TestGate.current().exitCode(), "a FAIL diagnostic fails the run (after the fact)");
    assertEquals(
        200_000L,
        spark.read().parquet(out.toString()).selectExpr("sum(size(vs))").first().getLong(0),
        "the write was published: diagnostics cannot hold it back");
  }

  @Test
  void hotKeyInAJoinIsFlagged(@TempDir Path dir) {
    Path out = dir.resolve("diag").resolve("join_skewed");
    Outcome o = skew(write(facts(true).join(dimension(), "k"), out));
    assertEquals(Status.FAIL, o.status(), o.explanation());
    assertTrue(
        o.explanation()
            .contains(
                "for sort-merge joins let AQE split it (spark.sql.adaptive.enabled=true,"
                    + " spark.sql.adaptive.skewJoin.enabled=true"),
        o.explanation());
    assertTrue(stageOf(out, o).shuffleReadBytes().max() >= 64 * 1024);
  }

  @Test
  void balancedAggregationAndJoinAreNotFlagged(@TempDir Path dir) {
    Path agg = dir.resolve("diag").resolve("agg_balanced");
    Outcome a =
        skew(
            write(
                facts(false)
                    .groupBy("k")
                    .agg(org.apache.spark.sql.functions.collect_list("v").as("vs")),
                agg));
    assertEquals(Status.PASS, a.status(), a.explanation());
    assertTrue(a.observed() < 2, a.explanation());
    assertTrue(
        a.explanation().contains("; allowed ≤ 4×) — "), "judged, not skipped: " + a.explanation());

    Path join = dir.resolve("diag").resolve("join_balanced");
    Outcome j = skew(write(facts(false).join(dimension(), "k"), join));
    assertEquals(Status.PASS, j.status(), j.explanation());
    assertTrue(j.observed() < 2, j.explanation());
  }

  @Test
  void tinySkewAndAqeCoalescedShufflesStayBelowTheFloor(@TempDir Path dir) {
    Path tiny = dir.resolve("diag").resolve("tiny");
    Dataset<Row> small =
        spark.sql("SELECT IF(id % 10 < 8, 0, id) AS k, id FROM range(0, 2000, 1, 2)");
    Outcome t = skew(write(small.groupBy("k").count(), tiny));
    assertEquals(Status.PASS, t.status(), t.explanation());
    assertTrue(
        t.explanation().contains("is big enough to judge skew")
            || t.explanation().contains("no stage"),
        t.explanation());

    // The skewed aggregation flagged above, under AQE: the 1.4 MB shuffle is coalesced into one
    // task.
    Path coalesced = dir.resolve("diag").resolve("aqe");
    List<Outcome> outcomes =
        SparkTestSession.withSQLConf(
            Map.of("spark.sql.adaptive.enabled", "true"),
            () ->
                write(
                    facts(true)
                        .groupBy("k")
                        .agg(org.apache.spark.sql.functions.collect_list("v").as("vs")),
                    coalesced));
    Outcome a = skew(outcomes);
    assertEquals(Status.PASS, a.status(), a.explanation());
    assertTrue(
        a.explanation()
            .startsWith(
                "no stage writing path "
                    + coalesced.toAbsolutePath()
                    + " read shuffle data"
                    + " in several tasks"),
        a.explanation());
  }

  @Test
  void smallFilesCountEveryFileOfAPartitionedWrite(@TempDir Path dir) {
    Path parted = dir.resolve("diag_files").resolve("parted");
    spark
        .sql("SELECT id, id % 4 AS p FROM range(0, 1000, 1, 8)")
        .write()
        .partitionBy("p")
        .parquet(parted.toString());
    JobCounter.drain(spark);
    List<Outcome> found =
        TestGate.current().snapshot().stageOutcomes().stream()
            .filter(o -> o.explanation().contains("path " + parted.toAbsolutePath() + " "))
            .toList();
    Outcome files =
        found.stream().filter(o -> o.check().equals("small_files")).findFirst().orElseThrow();
    assertEquals(Status.WARN, files.status(), files.explanation());
    assertEquals(
        32L,
        files.total(),
        "8 tasks × 4 partition values, from the write's SQL metric: " + files.explanation());
    Outcome partitions =
        found.stream().filter(o -> o.check().equals("partitions")).findFirst().orElseThrow();
    assertEquals(Status.FAIL, partitions.status(), partitions.explanation());
    assertTrue(
        partitions
            .explanation()
            .contains(" ran 8 tasks; expected at most 4: coalesce(n) before the write"),
        partitions.explanation());
  }
}
