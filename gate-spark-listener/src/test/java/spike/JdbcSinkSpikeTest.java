package spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JDBC sink (H2 in memory): SaveIntoDataSourceCommand(JdbcRelationProvider). */
class JdbcSinkSpikeTest {
  static final String URL = "jdbc:h2:mem:spike;DB_CLOSE_DELAY=-1";
  static SparkSession spark;
  static SpikeSupport.Jobs jobs;

  @BeforeAll
  static void start() {
    spark =
        SpikeSupport.builder("jdbc")
            .config("spark.sql.extensions", SpikeExtensions.class.getName())
            .getOrCreate();
    jobs = new SpikeSupport.Jobs(spark);
  }

  @AfterAll
  static void stop() {
    SpikeSupport.stop(spark);
  }

  static Properties props() {
    Properties p = new Properties();
    p.setProperty("driver", "org.h2.Driver");
    return p;
  }

  static long rows(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(URL);
        ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void rejectedJdbcWritesLeaveTheTable() throws Exception {
    Dataset<Row> good = spark.range(1000).selectExpr("id", "cast(id as string) v");
    Dataset<Row> bad =
        spark.range(50).selectExpr("id", "if(id % 10 = 0, null, cast(id as string)) v");
    good.write().mode("overwrite").jdbc(URL, "T", props());
    for (String mode : new String[] {"append", "overwrite"}) {
      SpikeLog.clear();
      SpikeGate.reset(SpikeGate.Mode.PRE_WRITE);
      jobs.reset();
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () ->
                  bad.write()
                      .mode(mode)
                      .format("jdbc")
                      .option("url", URL)
                      .option("dbtable", "T")
                      .option("driver", "org.h2.Driver")
                      .option("truncate", "true")
                      .save());
      String counts = jobs.counts();
      SpikeGate.reset(SpikeGate.Mode.OFF);
      SpikeSupport.report(
          "jdbc." + mode,
          "rejected (" + e.getMessage() + "); " + counts + "; seen " + SpikeLog.snapshot());
      assertTrue(e instanceof SpikeRejected, e.toString());
      assertEquals(1000, rows("SELECT count(*) FROM T"));
      assertEquals(0, rows("SELECT count(*) FROM T WHERE \"v\" IS NULL"));
    }
    StringBuilder out = new StringBuilder();
    for (SpikeGate.Mode mode :
        new SpikeGate.Mode[] {SpikeGate.Mode.OFF, SpikeGate.Mode.PRE_WRITE}) {
      SpikeGate.reset(mode);
      jobs.reset();
      good.write().mode("append").jdbc(URL, "T", props());
      out.append(mode).append(": ").append(jobs.counts()).append("; ");
    }
    SpikeGate.reset(SpikeGate.Mode.OFF);
    SpikeSupport.report("jdbc.cost", "append 1000 rows " + out);
    assertEquals(3000, rows("SELECT count(*) FROM T"));
  }
}
