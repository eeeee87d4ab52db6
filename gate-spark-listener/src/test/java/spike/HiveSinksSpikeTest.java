package spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hive-format tables: spark-hive 3.5.7, enableHiveSupport, Derby metastore in a temp dir. */
class HiveSinksSpikeTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static SpikeSupport.Jobs jobs;

  static final String GOOD = "SELECT id, cast(id as string) v, id % 3 p FROM range(1000)";
  static final String BAD =
      "SELECT id, if(id % 10 = 0, null, cast(id as string)) v, id % 3 p FROM range(50)";

  @BeforeAll
  static void start() {
    System.setProperty("derby.system.home", dir.resolve("derby").toString());
    spark =
        SpikeSupport.builder("hive")
            .config("spark.sql.extensions", SpikeExtensions.class.getName())
            .config("spark.sql.warehouse.dir", dir.resolve("wh").toString())
            .config(
                "spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true")
            .config("hive.exec.dynamic.partition.mode", "nonstrict")
            .enableHiveSupport()
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
    SpikeCommitProtocol.INSTANTIATED.clear();
    SpikeCommitProtocol.STACKS.clear();
  }

  private static String provider(String table) {
    List<Row> rows =
        spark
            .sql("DESCRIBE TABLE EXTENDED " + table)
            .where("col_name = 'Provider'")
            .collectAsList();
    return rows.isEmpty() ? "?" : rows.get(0).getString(1);
  }

  /**
   * Creates the table with 1000 good rows, then runs a breaching write in the mode; old data must
   * stay.
   */
  private void rejected(String test, SpikeGate.Mode mode, String table, String ddl, String write) {
    spark.sql("DROP TABLE IF EXISTS " + table);
    spark.sql(ddl);
    boolean partitioned = ddl.contains("PARTITIONED BY");
    spark.sql(
        "INSERT OVERWRITE TABLE "
            + table
            + (partitioned ? " PARTITION (p) " : " ")
            + GOOD.replace(", id % 3 p", partitioned ? ", id % 3 p" : ""));
    Path location = dir.resolve("wh").resolve(table);
    Map<String, Long> before = SpikeSupport.files(location);
    SpikeLog.clear();
    SpikeCommitProtocol.INSTANTIATED.clear();
    SpikeGate.reset(mode);
    jobs.reset();
    RuntimeException e = assertThrows(RuntimeException.class, () -> spark.sql(write));
    String cause = rootMessage(e);
    SpikeSupport.report(
        test,
        mode
            + " rejected ("
            + cause
            + "); "
            + jobs.counts()
            + "; provider="
            + provider(table)
            + "; seen "
            + SpikeLog.snapshot()
            + "; targets "
            + SpikeGate.TARGETS
            + "; commitProtocol instantiated for "
            + SpikeCommitProtocol.INSTANTIATED);
    assertTrue(cause.contains("nulls"), cause);
    SpikeGate.reset(SpikeGate.Mode.OFF);
    assertEquals(before, SpikeSupport.files(location), "files of " + table);
    assertEquals(1000, spark.table(table).count());
    assertEquals(0, spark.table(table).where("v is null").count());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof SpikeRejected)) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  @Test
  void hiveTextTableInsertOverwrite() {
    for (SpikeGate.Mode mode :
        new SpikeGate.Mode[] {SpikeGate.Mode.PRE_WRITE, SpikeGate.Mode.IN_PASS}) {
      rejected(
          "hiveText.overwrite",
          mode,
          "ht",
          "CREATE TABLE ht (id BIGINT, v STRING)",
          "INSERT OVERWRITE TABLE ht " + BAD.replace(", id % 3 p", ""));
      rejected(
          "hiveText.into",
          mode,
          "ht",
          "CREATE TABLE ht (id BIGINT, v STRING)",
          "INSERT INTO ht " + BAD.replace(", id % 3 p", ""));
    }
  }

  @Test
  void hiveTextPartitionedStaticAndDynamic() {
    String ddl = "CREATE TABLE hp (id BIGINT, v STRING) PARTITIONED BY (p BIGINT)";
    for (SpikeGate.Mode mode :
        new SpikeGate.Mode[] {SpikeGate.Mode.PRE_WRITE, SpikeGate.Mode.IN_PASS}) {
      rejected(
          "hivePart.static",
          mode,
          "hp",
          ddl,
          "INSERT OVERWRITE TABLE hp PARTITION (p = 1) " + BAD.replace(", id % 3 p", ""));
      rejected(
          "hivePart.dynamic", mode, "hp", ddl, "INSERT OVERWRITE TABLE hp PARTITION (p) " + BAD);
    }
  }

  @Test
  void hiveParquetTablesAreConverted() {
    rejected(
        "hiveParquet.unpartitioned",
        SpikeGate.Mode.PRE_WRITE,
        "hq",
        "CREATE TABLE hq (id BIGINT, v STRING) STORED AS PARQUET",
        "INSERT OVERWRITE TABLE hq " + BAD.replace(", id % 3 p", ""));
    rejected(
        "hiveParquet.partitioned",
        SpikeGate.Mode.PRE_WRITE,
        "hqp",
        "CREATE TABLE hqp (id BIGINT, v STRING) PARTITIONED BY (p BIGINT) STORED AS PARQUET",
        "INSERT OVERWRITE TABLE hqp PARTITION (p) " + BAD);
  }

  @Test
  void hiveCtas() {
    for (String storedAs : new String[] {"", " STORED AS PARQUET"}) {
      for (SpikeGate.Mode mode :
          new SpikeGate.Mode[] {SpikeGate.Mode.PRE_WRITE, SpikeGate.Mode.IN_PASS}) {
        spark.sql("DROP TABLE IF EXISTS hc");
        SpikeLog.clear();
        SpikeCommitProtocol.INSTANTIATED.clear();
        SpikeGate.reset(mode);
        jobs.reset();
        RuntimeException e = null;
        try {
          spark.sql("CREATE TABLE hc" + storedAs + " AS " + BAD);
        } catch (RuntimeException ex) {
          e = ex;
        }
        boolean converted = !storedAs.isEmpty() && mode == SpikeGate.Mode.IN_PASS;
        // STORED AS PARQUET: convertMetastoreCtas makes the inner write an
        // InsertIntoHadoopFsRelationCommand,
        // which the product's file-write rule observes; SpikeObserve only wraps
        // InsertIntoHiveTable.
        SpikeSupport.report(
            "hiveCtas" + storedAs,
            mode
                + (e == null ? " NOT rejected" : " rejected (" + rootMessage(e) + ")")
                + "; "
                + jobs.counts()
                + "; seen "
                + SpikeLog.snapshot()
                + "; targets "
                + SpikeGate.TARGETS
                + "; commitProtocol instantiated for "
                + SpikeCommitProtocol.INSTANTIATED);
        SpikeGate.reset(SpikeGate.Mode.OFF);
        if (converted) {
          assertTrue(
              SpikeLog.snapshot()
                  .contains(
                      "check:org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand (nested)"));
          continue;
        }
        assertTrue(
            e != null && rootMessage(e).contains("nulls"), "rejection of " + mode + storedAs);
        assertFalse(spark.catalog().tableExists("hc"), "hc after " + mode + storedAs);
        assertTrue(SpikeSupport.files(dir.resolve("wh/hc")).isEmpty());
      }
    }
  }

  @Test
  void hiveInsertCosts() {
    spark.sql("DROP TABLE IF EXISTS hcost");
    spark.sql("CREATE TABLE hcost (id BIGINT, v STRING) PARTITIONED BY (p BIGINT)");
    String write = "INSERT OVERWRITE TABLE hcost PARTITION (p) " + GOOD;
    StringBuilder out = new StringBuilder();
    for (SpikeGate.Mode mode : SpikeGate.Mode.values()) {
      SpikeGate.reset(mode);
      jobs.reset();
      spark.sql(write);
      out.append(mode).append(": ").append(jobs.counts()).append("; ");
    }
    SpikeGate.reset(SpikeGate.Mode.OFF);
    assertEquals(1000, spark.table("hcost").count());
    SpikeSupport.report(
        "hiveCost",
        "passing dynamic-partition INSERT OVERWRITE: "
            + out
            + "protocol stack "
            + SpikeCommitProtocol.STACKS.stream().findFirst().orElse("none"));
  }
}
