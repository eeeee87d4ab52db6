package io.dqgate.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.GateRejectedException;
import io.dqgate.testing.SparkTestSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * saveAsTable(overwrite) of an existing partitioned table (issue 12): DataFrameWriter drops the
 * table before the CTAS, so {@link SaveAsTableGuard} keeps it aside; a rejected overwrite leaves
 * the old table exactly as it was, a passing one replaces it, and no backup is left either way.
 */
class SaveAsTableGuardTest {
  private static final String TABLE = "p12_sat_guarded";
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    rows(0, 100).write().partitionBy("p").saveAsTable(TABLE);
  }

  @AfterAll
  static void tearDown() {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
  }

  /** {@code count} rows from {@code id 0}, amounts {@code id % modulo}, partitions a and b. */
  private static Dataset<Row> rows(int extra, int modulo) {
    return spark.sql(
        "SELECT id, CAST((id + "
            + extra
            + ") % "
            + modulo
            + " AS DOUBLE) AS amount, IF(id % 2 = 0, 'a', 'b') AS p FROM range(200)");
  }

  private static Path location() {
    String location =
        spark
            .sql("DESCRIBE TABLE EXTENDED " + TABLE)
            .where("col_name = 'Location'")
            .first()
            .getString(1);
    return Path.of(URI.create(location));
  }

  private static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(f).toString(), Files.size(f));
      }
    }
    return files;
  }

  private static List<String> backups(Path location) throws IOException {
    try (Stream<Path> siblings = Files.list(location.getParent())) {
      return siblings
          .map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".dqgate-backup-"))
          .toList();
    }
  }

  private static List<String> partitions() {
    return spark.sql("SHOW PARTITIONS " + TABLE).as(Encoders.STRING()).collectAsList();
  }

  @Test
  void aRejectedOverwriteKeepsTheOldTableAndAPassingOneReplacesIt() throws IOException {
    Path location = location();
    Map<String, Long> before = files(location);
    List<String> partitionsBefore = partitions();
    double sumBefore =
        spark.table(TABLE).agg(org.apache.spark.sql.functions.sum("amount")).first().getDouble(0);

    Exception e =
        assertThrows(
            Exception.class,
            () -> rows(0, 1000).write().mode("overwrite").partitionBy("p").saveAsTable(TABLE));
    Throwable root = e;
    while (!(root instanceof GateRejectedException) && root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root instanceof GateRejectedException, e.toString());
    assertTrue(spark.catalog().tableExists(TABLE));
    assertEquals(before, files(location), "the same files");
    assertEquals(partitionsBefore, partitions());
    assertEquals(200, spark.table(TABLE).count());
    assertEquals(
        sumBefore,
        spark.table(TABLE).agg(org.apache.spark.sql.functions.sum("amount")).first().getDouble(0));
    assertEquals(List.of(), backups(location));

    rows(1, 50).write().mode("overwrite").partitionBy("p").saveAsTable(TABLE);
    assertEquals(200, spark.table(TABLE).count());
    assertEquals(
        49.0,
        spark.table(TABLE).agg(org.apache.spark.sql.functions.max("amount")).first().getDouble(0));
    assertEquals(List.of("p=a", "p=b"), partitions());
    assertEquals(List.of(), backups(location));
  }
}
