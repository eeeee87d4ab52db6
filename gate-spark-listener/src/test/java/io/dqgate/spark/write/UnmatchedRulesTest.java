package io.dqgate.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetMatcher;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.DatasetRules;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.SeenWrite;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent pass (issue 12): every write is recorded, unchecked writes and unmatched rules are
 * said.
 */
class UnmatchedRulesTest {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    spark.range(1).count();
  }

  @Test
  void aJdbcWriteMatchingARuleIsCheckedBeforeItStarts() {
    String url = "jdbc:h2:mem:p12_unmatched;DB_CLOSE_DELAY=-1";
    spark
        .range(3)
        .toDF("id")
        .write()
        .mode("overwrite")
        .jdbc(url, "unmatched_jdbc_target", new Properties());
    GateRuntime gate = TestGate.current();
    SeenWrite seen =
        gate.seenWrites().all().stream()
            .filter(w -> w.identities().contains(DatasetRef.table("unmatched_jdbc_target")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(gate.seenWrites().all().toString()));
    assertEquals("SaveIntoDataSourceCommand", seen.kind());
    assertTrue(seen.checked());
    assertEquals("checked by one pass before the write starts", seen.how());
    DatasetResult result =
        gate.ledger().results().stream()
            .filter(r -> r.id().rule() != null && r.id().rule().equals("jdbc_sink"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(gate.ledger().results().toString()));
    assertEquals("write overwrite jdbc (pre-write pass)", result.action());
    assertEquals(Status.PASS, result.status());
    assertEquals(3L, result.rowCount());
    assertEquals(1, result.sparkJobs());
  }

  @Test
  void aWriteKindTheGateCannotCheckIsReportedWhenItHappens() throws Exception {
    String url = "jdbc:h2:mem:p12_unmatched_sql;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE unmatched_jdbc_sql (id BIGINT)");
    }
    spark.sql(
        "CREATE TABLE unmatched_jdbc_sql USING jdbc OPTIONS (url '"
            + url
            + "', dbtable 'unmatched_jdbc_sql')");
    spark.sql("INSERT INTO unmatched_jdbc_sql SELECT id FROM range(3)");
    GateRuntime gate = TestGate.current();
    SeenWrite seen =
        gate.seenWrites().all().stream()
            .filter(w -> w.kind().equals("InsertIntoDataSourceCommand"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(gate.seenWrites().all().toString()));
    assertEquals(
        List.of(DatasetRef.table("spark_catalog.default.unmatched_jdbc_sql")), seen.identities());
    assertFalse(seen.checked());
    assertTrue(seen.how().startsWith("cannot check"), seen.how());
    DatasetResult result =
        gate.ledger().results().stream()
            .filter(r -> r.id().rule() != null && r.id().rule().equals("jdbc_sql_sink"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(gate.ledger().results().toString()));
    assertTrue(result.action().startsWith(UnmatchedRules.NOT_CHECKED), result.action());
    assertEquals(Status.ERROR, result.status());
    assertTrue(
        gate.snapshot().warnings().stream()
            .anyMatch(
                w -> w.contains("jdbc_sql_sink") && w.contains("InsertIntoDataSourceCommand")),
        () -> gate.snapshot().warnings().toString());
  }

  @Test
  void aCheckedFileWriteIsRecordedAsChecked(@TempDir Path dir) {
    String out = dir.resolve("gated/seen").toString();
    spark.sql("SELECT 1 AS id, 5 AS amount, 'a' AS category").write().parquet(out);
    assertTrue(
        TestGate.current().seenWrites().all().stream()
            .anyMatch(
                w ->
                    w.checked()
                        && w.kind().equals("InsertIntoHadoopFsRelationCommand")
                        && w.identities().stream().anyMatch(r -> r.name().endsWith("gated/seen"))),
        () -> TestGate.current().seenWrites().all().toString());
  }

  @Test
  void theEndOfTheRunNamesTheWritesThatLookedLikeAnUnmatchedBlock() {
    spark.range(2).toDF("id").write().mode("overwrite").saveAsTable("unmatched_lookalike");
    new UnmatchedRules().onEnding(TestGate.current());
    List<String> warnings = TestGate.current().snapshot().warnings();
    // jdbc_sql_sink matched only a write dqgate could not check: still unmatched, and said so.
    assertTrue(
        warnings.stream()
            .anyMatch(w -> w.startsWith("rule block jdbc_sql_sink (table: unmatched_jdbc_sql)")),
        warnings::toString);
  }

  @Test
  void aLookAlikeSharesTheLastNamePart() {
    DatasetRules block =
        new DatasetRules(
            "sales",
            List.of(new DatasetMatcher(DatasetRef.Kind.TABLE, "prod.sales")),
            List.of(),
            List.of(),
            null);
    assertTrue(
        UnmatchedRules.looksLike(
            block,
            new SeenWrite("AppendData", List.of(DatasetRef.table("ice.db.sales")), false, "x")));
    assertTrue(
        UnmatchedRules.looksLike(
            block,
            new SeenWrite(
                "InsertIntoHadoopFsRelationCommand",
                List.of(DatasetRef.path("/w/sales")),
                true,
                "x")));
    assertFalse(
        UnmatchedRules.looksLike(
            block,
            new SeenWrite("AppendData", List.of(DatasetRef.table("ice.db.orders")), false, "x")));
  }
}
