package spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Iceberg 1.10.0, hadoop catalog "ice" in a temp dir, IcebergSparkSessionExtensions. */
class IcebergSinksSpikeTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static SpikeSupport.Jobs jobs;

  @BeforeAll
  static void start() {
    spark =
        SpikeSupport.builder("iceberg")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                    + SpikeExtensions.class.getName())
            .config("spark.sql.catalog.ice", "org.apache.iceberg.spark.SparkCatalog")
            .config("spark.sql.catalog.ice.type", "hadoop")
            .config("spark.sql.catalog.ice.warehouse", dir.resolve("ice").toString())
            .config("spark.sql.catalog.ice.cache-enabled", "false")
            .getOrCreate();
    jobs = new SpikeSupport.Jobs(spark);
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

  static long snapshot(String table) {
    return spark
        .sql("SELECT snapshot_id FROM " + table + ".history ORDER BY made_current_at DESC LIMIT 1")
        .first()
        .getLong(0);
  }

  interface Write {
    void run(String table) throws Exception;
  }

  private static void unchecked(Write w, String t) {
    try {
      w.run(t);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private void rejected(String test, String table, String props, Write write) {
    String t = "ice.db." + table;
    spark.sql("DROP TABLE IF EXISTS " + t);
    spark.sql(
        "CREATE TABLE "
            + t
            + " (id BIGINT, v STRING, p BIGINT) USING iceberg PARTITIONED BY (p)"
            + props);
    unchecked(x -> good(1000).writeTo(x).append(), t);
    long s0 = snapshot(t);
    Path location = dir.resolve("ice/db").resolve(table);
    Map<String, Long> before = SpikeSupport.files(location);
    SpikeLog.clear();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    jobs.reset();
    RuntimeException e = assertThrows(RuntimeException.class, () -> unchecked(write, t));
    String counts = jobs.counts();
    SpikeGate.reset(SpikeGate.Mode.OFF);
    SpikeSupport.report(
        test,
        "rejected ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); "
            + counts
            + "; seen "
            + SpikeLog.snapshot());
    assertTrue(e instanceof SpikeRejected, e.toString());
    assertTrue(
        e.getMessage().contains("table=" + t + " path=file:")
            || e.getMessage().contains("table=" + t + " path=/"),
        e.getMessage());
    assertEquals(s0, snapshot(t), "snapshot of " + t);
    assertEquals(before, SpikeSupport.files(location));
    assertEquals(1000, spark.table(t).count());
    assertEquals(0, spark.table(t).where("v is null").count());
  }

  static final String BAD_SQL = "SELECT id, if(id = 3, null, 'x') v, id % 3 p FROM range(10)";

  @Test
  void writes() {
    rejected("iceberg.insertInto", "ins", "", t -> spark.sql("INSERT INTO " + t + " " + BAD_SQL));
    rejected(
        "iceberg.insertOverwrite",
        "ovr",
        "",
        t -> spark.sql("INSERT OVERWRITE " + t + " " + BAD_SQL));
    rejected(
        "iceberg.insertOverwriteDynamic",
        "dyn",
        "",
        t -> {
          spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
          try {
            spark.sql("INSERT OVERWRITE " + t + " " + BAD_SQL);
          } finally {
            spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
          }
        });
    rejected("iceberg.writeToAppend", "wta", "", t -> bad(50).writeTo(t).append());
    rejected(
        "iceberg.writeToOverwritePartitions",
        "wtop",
        "",
        t -> bad(50).writeTo(t).overwritePartitions());
    rejected("iceberg.dfInsertInto", "dfi", "", t -> bad(50).write().insertInto(t));
  }

  @Test
  void rowLevel() {
    bad(2000).createOrReplaceTempView("src");
    String merge =
        " t USING src s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
    rejected("iceberg.merge.copyOnWrite", "mcow", "", t -> spark.sql("MERGE INTO " + t + merge));
    rejected(
        "iceberg.merge.mergeOnRead",
        "mmor",
        " TBLPROPERTIES ('format-version'='2', 'write.merge.mode'='merge-on-read')",
        t -> spark.sql("MERGE INTO " + t + merge));
    rejected(
        "iceberg.update.copyOnWrite",
        "ucow",
        "",
        t -> spark.sql("UPDATE " + t + " SET v = NULL WHERE id < 5"));
    rejected(
        "iceberg.update.mergeOnRead",
        "umor",
        " TBLPROPERTIES ('format-version'='2', 'write.update.mode'='merge-on-read')",
        t -> spark.sql("UPDATE " + t + " SET v = NULL WHERE id < 5"));
    // A merge-on-read DELETE writes delete files only: the WriteDelta rows to check are none.
    String t = "ice.db.dmor";
    spark.sql(
        "CREATE TABLE "
            + t
            + " (id BIGINT, v STRING, p BIGINT) USING iceberg PARTITIONED BY (p)"
            + " TBLPROPERTIES ('format-version'='2', 'write.delete.mode'='merge-on-read')");
    unchecked(x -> good(1000).writeTo(x).append(), t);
    SpikeLog.clear();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    spark.sql("DELETE FROM " + t + " WHERE id < 5");
    SpikeSupport.report(
        "iceberg.delete.mergeOnRead",
        "passes; seen "
            + SpikeLog.snapshot()
            + "; targets "
            + SpikeGate.TARGETS
            + "; pass results "
            + SpikeGate.PASS_RESULTS);
    SpikeGate.reset(SpikeGate.Mode.OFF);
    assertEquals(995, spark.table(t).count());
  }

  @Test
  void costs() {
    String t = "ice.db.cost";
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + t
            + " (id BIGINT, v STRING, p BIGINT) USING iceberg PARTITIONED BY (p)");
    StringBuilder out = new StringBuilder();
    for (SpikeGate.Mode mode :
        new SpikeGate.Mode[] {SpikeGate.Mode.OFF, SpikeGate.Mode.PRE_WRITE}) {
      SpikeGate.reset(mode);
      jobs.reset();
      spark.sql("INSERT INTO " + t + " SELECT id, cast(id as string), id % 3 FROM range(1000)");
      out.append("insert ").append(mode).append(": ").append(jobs.counts()).append("; ");
      good(10).createOrReplaceTempView("msrc");
      jobs.reset();
      spark.sql(
          "MERGE INTO "
              + t
              + " t USING msrc s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
      out.append("merge ").append(mode).append(": ").append(jobs.counts()).append("; ");
    }
    SpikeGate.reset(SpikeGate.Mode.OFF);
    SpikeSupport.report("iceberg.cost", out.toString());
  }

  /**
   * Write-audit-publish: with write.wap.enabled and spark.wap.branch, a write commits to the branch
   * only.
   */
  @Test
  void wapBranchLeavesMainUnchanged() throws Exception {
    String t = "ice.db.wap";
    spark.sql(
        "CREATE TABLE "
            + t
            + " (id BIGINT, v STRING, p BIGINT) USING iceberg TBLPROPERTIES ('write.wap.enabled'='true')");
    good(1000).writeTo(t).append();
    long main = snapshot(t);
    spark.sql("ALTER TABLE " + t + " CREATE BRANCH audit");
    spark.conf().set("spark.wap.branch", "audit");
    try {
      bad(50).writeTo(t).append();
    } finally {
      spark.conf().unset("spark.wap.branch");
    }
    long mainAfter =
        spark.sql("SELECT snapshot_id FROM " + t + ".refs WHERE name = 'main'").first().getLong(0);
    long branch =
        spark.sql("SELECT count(*) FROM " + t + " VERSION AS OF 'audit'").first().getLong(0);
    SpikeSupport.report(
        "iceberg.wap",
        "main before "
            + main
            + " after "
            + mainAfter
            + "; rows main "
            + spark.table(t).count()
            + ", branch audit "
            + branch);
    assertEquals(main, mainAfter);
    assertEquals(1000, spark.table(t).count());
    assertEquals(1050, branch);
    spark.sql("ALTER TABLE " + t + " DROP BRANCH audit");
    assertEquals(1000, spark.table(t).count());
  }
}
