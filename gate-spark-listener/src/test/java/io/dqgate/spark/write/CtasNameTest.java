package io.dqgate.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * saveAsTable of a new table is matched by the table's name, in the write's own pass (issue 12).
 */
class CtasNameTest {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    spark.range(1).count();
  }

  private static Throwable root(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void aBreachedNewTableIsRejectedAndNotCreated() {
    Throwable thrown =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .sql("SELECT id, CAST(id * 10 AS DOUBLE) AS amount FROM range(50)")
                    .write()
                    .saveAsTable("p12_ctas_named"));
    assertTrue(
        thrown instanceof GateRejectedException || root(thrown) instanceof GateRejectedException,
        thrown.toString());
    assertFalse(spark.catalog().tableExists("p12_ctas_named"));
    DatasetResult result =
        TestGate.current().ledger().results().stream()
            .filter(r -> "ctas_named".equals(r.id().rule()))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(Status.FAIL, result.status());
    assertFalse(result.published());
    assertTrue(
        result.id().has(DatasetRef.table("spark_catalog.default.p12_ctas_named")),
        result.id().toString());
  }

  @Test
  void aCleanNewTableIsPublished() {
    spark
        .sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(50)")
        .write()
        .saveAsTable("p12_ctas_named");
    try {
      assertEquals(50, spark.table("p12_ctas_named").count());
      DatasetResult result =
          TestGate.current().ledger().results().stream()
              .filter(r -> "ctas_named".equals(r.id().rule()))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertEquals(Status.PASS, result.status());
      assertTrue(result.published());
    } finally {
      spark.sql("DROP TABLE IF EXISTS p12_ctas_named");
    }
  }
}
