package spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saveAsTable / CTAS / RTAS on the V1 session catalog (in-memory catalog, no Hive). */
class CtasSaveAsTableSpikeTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static SpikeSupport.Jobs jobs;

  @BeforeAll
  static void start() {
    spark =
        SpikeSupport.builder("ctas")
            .config("spark.sql.extensions", SpikeExtensions.class.getName())
            .config("spark.sql.warehouse.dir", dir.resolve("wh").toString())
            .getOrCreate();
    jobs = new SpikeSupport.Jobs(spark);
    SaveAsTableGuard.install(spark);
  }

  @AfterAll
  static void stop() {
    SpikeSupport.stop(spark);
  }

  @BeforeEach
  void clean() {
    SpikeLog.clear();
    SpikeGate.reset(SpikeGate.Mode.OFF);
  }

  static Dataset<Row> good(int n) {
    return spark.range(n).selectExpr("id", "cast(id as string) as v", "id % 3 as p");
  }

  static Dataset<Row> bad(int n) {
    return spark
        .range(n)
        .selectExpr("id", "if(id % 10 = 0, null, cast(id as string)) as v", "id % 3 as p");
  }

  @Test
  void ctasNewTableIsSeenByTheCheckRuleWithItsName() {
    good(10).write().saveAsTable("new_t");
    spark.sql(
        "CREATE TABLE new_sql USING parquet AS SELECT id, cast(id as string) v FROM range(5)");
    SpikeSupport.report("ctasNewTable", "seen " + SpikeLog.snapshot());
    SpikeSupport.report("ctasNewTable", "targets " + SpikeGate.TARGETS);
    assertTrue(
        SpikeLog.snapshot()
            .contains(
                "check:org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand"));
    assertTrue(
        SpikeGate.TARGETS.stream().anyMatch(t -> t.startsWith("ctas") && t.contains(".new_t ")));
    assertTrue(
        SpikeGate.TARGETS.stream().anyMatch(t -> t.startsWith("ctas") && t.contains(".new_sql ")));
  }

  @Test
  void ctasRejectedCreatesNothing() {
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    assertThrows(SpikeRejected.class, () -> bad(100).write().saveAsTable("rejected_t"));
    assertThrows(
        SpikeRejected.class,
        () ->
            spark.sql(
                "CREATE TABLE rejected_sql USING parquet AS SELECT id, if(id=1,null,'x') v FROM range(5)"));
    assertFalse(spark.catalog().tableExists("rejected_t"));
    assertFalse(spark.catalog().tableExists("rejected_sql"));
    assertFalse(Files.exists(dir.resolve("wh/rejected_t")));
    SpikeSupport.report(
        "ctasRejected", "no table, no directory after rejected saveAsTable and CTAS");
  }

  @Test
  void ctasPrewritePassCostsOneJob() {
    jobs.reset();
    good(1000).write().saveAsTable("cost_off");
    String off = jobs.counts();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    jobs.reset();
    good(1000).write().saveAsTable("cost_on");
    String on = jobs.counts();
    SpikeSupport.report("ctasCost", "gate off: " + off + "; pre-write: " + on);
    assertEquals(1, jobs.gate.get());
  }

  @Test
  void saveAsTableOverwriteRejectedKeepsTheOldTable() {
    good(1000).write().partitionBy("p").saveAsTable("old_t");
    Path location = dir.resolve("wh/old_t");
    Map<String, Long> before = SpikeSupport.files(location);
    long partitionsBefore = spark.sql("SHOW PARTITIONS old_t").count();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    jobs.reset();
    SpikeRejected e =
        assertThrows(
            SpikeRejected.class,
            () -> bad(50).write().mode("overwrite").partitionBy("p").saveAsTable("old_t"));
    SpikeSupport.report("saveAsTableOverwriteRejected", e.getMessage() + " ; " + jobs.counts());
    SpikeSupport.report("saveAsTableOverwriteRejected", "seen " + SpikeLog.snapshot());
    assertTrue(spark.catalog().tableExists("old_t"));
    assertEquals(1000, spark.table("old_t").count());
    assertEquals(0, spark.table("old_t").where("v is null").count());
    assertEquals(before, SpikeSupport.files(location));
    assertEquals(partitionsBefore, spark.sql("SHOW PARTITIONS old_t").count());
    assertTrue(SaveAsTableGuard.PENDING.isEmpty());
    try (var s = Files.list(dir.resolve("wh"))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("dqgate-backup")));
    } catch (java.io.IOException io) {
      throw new java.io.UncheckedIOException(io);
    }
    SpikeSupport.report(
        "saveAsTableOverwriteRejected",
        "old table kept: 1000 rows, same "
            + before.size()
            + " files, "
            + partitionsBefore
            + " partitions");
  }

  @Test
  void saveAsTableOverwritePassingReplacesAndDropsTheBackup() throws Exception {
    good(1000).write().saveAsTable("replaced_t");
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    good(7).write().mode("overwrite").saveAsTable("replaced_t");
    jobs.settle();
    assertEquals(7, spark.table("replaced_t").count());
    assertTrue(SaveAsTableGuard.PENDING.isEmpty());
    try (var s = Files.list(dir.resolve("wh"))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("dqgate-backup")));
    }
    SpikeSupport.report("saveAsTableOverwritePassing", "replaced: 7 rows, backup deleted");
  }

  @Test
  void rtasOnTheV1SessionCatalog() {
    good(10).write().saveAsTable("rtas_t");
    for (String sql :
        new String[] {
          "REPLACE TABLE rtas_t USING parquet AS SELECT id, cast(id as string) v FROM range(3)",
          "CREATE OR REPLACE TABLE rtas_t USING parquet AS SELECT id, cast(id as string) v FROM range(3)"
        }) {
      SpikeLog.clear();
      Exception e = assertThrows(Exception.class, () -> spark.sql(sql));
      SpikeSupport.report(
          "rtasV1",
          sql.substring(0, 26)
              + " -> "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + " ; seen "
              + SpikeLog.snapshot());
    }
    assertEquals(10, spark.table("rtas_t").count());
  }
}
