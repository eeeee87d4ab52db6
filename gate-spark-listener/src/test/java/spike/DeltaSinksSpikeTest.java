package spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta Lake 3.3.2: path and table writes, replaceWhere, dynamic partition overwrite,
 * MERGE/UPDATE/DELETE.
 */
class DeltaSinksSpikeTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static SpikeSupport.Jobs jobs;

  @BeforeAll
  static void start() {
    spark =
        SpikeSupport.builder("delta")
            .config(
                "spark.sql.extensions",
                "io.delta.sql.DeltaSparkSessionExtension," + SpikeExtensions.class.getName())
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.warehouse.dir", dir.resolve("wh").toString())
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

  static long version(String pathOrTable) {
    String ref = pathOrTable.startsWith("/") ? "delta.`" + pathOrTable + "`" : pathOrTable;
    return spark.sql("DESCRIBE HISTORY " + ref).selectExpr("max(version)").first().getLong(0);
  }

  /**
   * Seeds 1000 good rows (partitioned by p), runs the breaching write pre-write gated; nothing may
   * change.
   */
  private void rejected(String test, String name, boolean table, Consumer<String> write) {
    String path = dir.resolve(name).toString();
    if (table) {
      good(1000).write().format("delta").partitionBy("p").option("path", path).saveAsTable(name);
    } else {
      good(1000).write().format("delta").partitionBy("p").save(path);
    }
    String ref = table ? name : path;
    long v0 = version(ref);
    Map<String, Long> before = SpikeSupport.files(Path.of(path));
    SpikeLog.clear();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    jobs.reset();
    Exception e = assertThrows(Exception.class, () -> write.accept(ref));
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
    assertEquals(v0, version(ref), "Delta version of " + ref);
    assertEquals(before, SpikeSupport.files(Path.of(path)));
    Dataset<Row> now = table ? spark.table(name) : spark.read().format("delta").load(path);
    assertEquals(1000, now.count());
    assertEquals(0, now.where("v is null").count());
  }

  @Test
  void pathWrites() {
    rejected(
        "delta.path.append",
        "p_append",
        false,
        p -> bad(50).write().format("delta").mode("append").save(p));
    rejected(
        "delta.path.overwrite",
        "p_over",
        false,
        p -> bad(50).write().format("delta").mode("overwrite").save(p));
    rejected(
        "delta.path.replaceWhere",
        "p_rw",
        false,
        p ->
            bad(50)
                .where("p = 1")
                .write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", "p = 1")
                .save(p));
    rejected(
        "delta.path.dynamicPartitionOverwrite",
        "p_dpo",
        false,
        p ->
            bad(50)
                .write()
                .format("delta")
                .mode("overwrite")
                .option("partitionOverwriteMode", "dynamic")
                .save(p));
  }

  @Test
  void tableWrites() {
    rejected(
        "delta.table.insertInto",
        "t_ins",
        true,
        t -> bad(50).select("id", "v", "p").write().insertInto(t));
    rejected(
        "delta.table.sqlInsertInto",
        "t_sqlins",
        true,
        t ->
            spark.sql(
                "INSERT INTO " + t + " SELECT id, if(id = 3, null, 'x'), id % 3 FROM range(10)"));
    rejected(
        "delta.table.sqlInsertOverwrite",
        "t_sqlover",
        true,
        t ->
            spark.sql(
                "INSERT OVERWRITE "
                    + t
                    + " SELECT id, if(id = 3, null, 'x'), id % 3 FROM range(10)"));
    rejected(
        "delta.table.dynamicPartitionOverwrite",
        "t_dpo",
        true,
        t -> {
          spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
          try {
            spark.sql(
                "INSERT OVERWRITE "
                    + t
                    + " SELECT id, if(id = 3, null, 'x'), id % 3 FROM range(10)");
          } finally {
            spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
          }
        });
    rejected(
        "delta.table.saveAsTableAppend",
        "t_sat",
        true,
        t -> bad(50).write().format("delta").mode("append").saveAsTable(t));
    rejected(
        "delta.table.saveAsTableOverwrite",
        "t_sato",
        true,
        t -> bad(50).write().format("delta").mode("overwrite").saveAsTable(t));
    rejected(
        "delta.table.writeToAppend",
        "t_wta",
        true,
        t -> {
          try {
            bad(50).writeTo(t).append();
          } catch (Exception ex) {
            throw ex instanceof RuntimeException r ? r : new RuntimeException(ex);
          }
        });
    rejected(
        "delta.table.replaceTableAsSelect",
        "t_rtas",
        true,
        t ->
            spark.sql(
                "CREATE OR REPLACE TABLE "
                    + t
                    + " USING delta AS SELECT id, if(id = 3, null, 'x') v, id % 3 p FROM range(10)"));
  }

  @Test
  void newTableCtas() {
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    Exception e =
        assertThrows(Exception.class, () -> bad(50).write().format("delta").saveAsTable("t_new"));
    SpikeSupport.report(
        "delta.table.ctasNew", "rejected (" + e.getMessage() + "); seen " + SpikeLog.snapshot());
    SpikeGate.reset(SpikeGate.Mode.OFF);
    assertTrue(e instanceof SpikeRejected);
    assertTrue(!spark.catalog().tableExists("t_new"));
  }

  @Test
  void mergeUpdateDelete() {
    rejected(
        "delta.merge",
        "t_merge",
        true,
        t -> {
          bad(2000).createOrReplaceTempView("src");
          spark.sql(
              "MERGE INTO "
                  + t
                  + " t USING src s ON t.id = s.id "
                  + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        });
    rejected(
        "delta.update",
        "t_update",
        true,
        t -> spark.sql("UPDATE " + t + " SET v = NULL WHERE id < 5"));
    // DELETE cannot add nulls; record what the check rule sees and that it passes through.
    String path = dir.resolve("t_delete").toString();
    good(1000).write().format("delta").option("path", path).saveAsTable("t_delete");
    SpikeLog.clear();
    SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
    spark.sql("DELETE FROM t_delete WHERE id < 5");
    SpikeSupport.report(
        "delta.delete", "passes; seen " + SpikeLog.snapshot() + "; targets " + SpikeGate.TARGETS);
    SpikeGate.reset(SpikeGate.Mode.OFF);
    assertEquals(995, spark.table("t_delete").count());
  }

  @Test
  void costs() {
    String path = dir.resolve("cost").toString();
    StringBuilder out = new StringBuilder();
    for (SpikeGate.Mode mode :
        new SpikeGate.Mode[] {SpikeGate.Mode.OFF, SpikeGate.Mode.PRE_WRITE}) {
      SpikeGate.reset(mode);
      jobs.reset();
      good(1000).write().format("delta").mode("overwrite").save(path);
      out.append("path overwrite ").append(mode).append(": ").append(jobs.counts()).append("; ");
      spark.sql("CREATE TABLE IF NOT EXISTS cost_t (id BIGINT, v STRING, p BIGINT) USING delta");
      jobs.reset();
      spark.sql("INSERT INTO cost_t SELECT id, cast(id as string), id % 3 FROM range(1000)");
      out.append("table insert ").append(mode).append(": ").append(jobs.counts()).append("; ");
      good(10).createOrReplaceTempView("msrc");
      jobs.reset();
      spark.sql(
          "MERGE INTO cost_t t USING msrc s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
      out.append("merge ").append(mode).append(": ").append(jobs.counts()).append("; ");
    }
    SpikeGate.reset(SpikeGate.Mode.OFF);
    SpikeSupport.report("delta.cost", out.toString());
  }
}
