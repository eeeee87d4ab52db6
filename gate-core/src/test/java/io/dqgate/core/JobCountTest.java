package io.dqgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.rules.RuleSet;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost promise, counted in Spark jobs (AQE off, as in the shared test session). */
class JobCountTest {
  private static SparkSession spark;
  private static Dataset<Row> data;
  private static final String[] SINGLE_PASS = {
    "row_count: {min: 1}",
    "not_null: {columns: [user, amount]}",
    "range: {column: amount, min: 0, max: 10000}",
    "allowed_values: {column: category, values: [a, b, c]}",
    "expression: {sql: \"amount >= 0\", min_fraction: 0.9}",
    "schema: {columns: {user: string, amount: double}}"
  };

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    data =
        spark.sql(
            "SELECT id, concat('u', id % 97) AS user, CAST(id % 5000 AS DOUBLE) AS amount,"
                + " element_at(array('a', 'b', 'c'), CAST(id % 3 AS INT) + 1) AS category FROM range(0, 20000, 1, 4)");
  }

  @Test
  void singlePassChecksAddNoJobToAWrite(@TempDir Path dir) {
    int plain =
        JobCounter.count(spark, () -> data.write().parquet(dir.resolve("plain").toString()));
    RuleSet rules = Fixtures.rules("t", SINGLE_PASS);
    DqGate.Checkpoint checkpoint = DqGate.observe(data, "t", rules);
    JobCounter.Counted<DatasetResult> gated =
        JobCounter.measure(
            spark,
            () -> {
              checkpoint.dataset().write().parquet(dir.resolve("gated").toString());
              return checkpoint.result();
            });
    assertEquals(plain, gated.jobs(), "single-pass checks must ride in the write's own job(s)");
    assertEquals(Status.PASS, gated.value().status());
    assertEquals(0, gated.value().sparkJobs());
    assertEquals(7, gated.value().outcomes().size());
    assertEquals(20000L, gated.value().rowCount());
  }

  @Test
  void exactDuplicateAndIqrChecksAddOneJobTogether(@TempDir Path dir) throws Exception {
    int plain =
        JobCounter.count(spark, () -> data.write().parquet(dir.resolve("plain").toString()));
    String[] checks = new String[SINGLE_PASS.length + 3];
    System.arraycopy(SINGLE_PASS, 0, checks, 0, SINGLE_PASS.length);
    checks[SINGLE_PASS.length] = "unique: {column: id}";
    checks[SINGLE_PASS.length + 1] = "duplicates: {columns: [user, category], max_fraction: 1}";
    checks[SINGLE_PASS.length + 2] = "iqr_outliers: {column: amount, k: 3}";
    DqGate.Checkpoint checkpoint = DqGate.observe(data, "t", Fixtures.rules("t", checks));
    JobCounter.Counted<DatasetResult> gated =
        JobCounter.measure(
            spark,
            () -> {
              checkpoint.dataset().write().parquet(dir.resolve("gated").toString());
              return checkpoint.result();
            });
    assertEquals(plain + 1, gated.jobs(), "all exact checks share one extra job");
    assertEquals(1, gated.value().sparkJobs());
    assertEquals(Status.PASS, gated.value().status(), gated.value().outcomes().toString());
    assertEquals(true, Files.exists(dir.resolve("gated")));
  }

  @Test
  void eagerCheckIsOneJobOrTwoWithExactChecks() {
    int single =
        JobCounter.count(spark, () -> DqGate.check(data, "t", Fixtures.rules("t", SINGLE_PASS)));
    assertEquals(1, single);
    int withExact =
        JobCounter.count(
            spark,
            () ->
                DqGate.check(
                    data,
                    "t",
                    Fixtures.rules("t", "unique: {column: id}", "iqr_outliers: {column: amount}")));
    assertEquals(2, withExact);
  }

  @Test
  void aUniqueKeyIsCountedFromHashesAndExactlyOnlyWhenKeysRepeat() {
    JobCounter.Counted<DatasetResult> unique =
        JobCounter.measure(
            spark,
            () ->
                DqGate.check(
                    data, "t", Fixtures.rules("t", "unique: {column: user, severity: warn}")));
    // 97 distinct users in 20,000 rows: the hashes repeat, so the exact count runs too.
    assertEquals(3, unique.jobs(), "pass one, the hashed count, the exact count");
    assertEquals(20000 - 97, unique.value().outcomes().get(0).observed().longValue());
    assertEquals(Status.WARN, unique.value().status());

    JobCounter.Counted<DatasetResult> clean =
        JobCounter.measure(
            spark, () -> DqGate.check(data, "t", Fixtures.rules("t", "unique: {column: id}")));
    assertEquals(2, clean.jobs(), "no repeated hash: no exact count");
    assertEquals(0L, clean.value().outcomes().get(0).observed().longValue());
    assertEquals(Status.PASS, clean.value().status());

    JobCounter.Counted<DatasetResult> tolerated =
        JobCounter.measure(
            spark,
            () ->
                DqGate.check(
                    data, "t", Fixtures.rules("t", "duplicates: {column: user, max_fraction: 1}")));
    assertEquals(2, tolerated.jobs(), "a rule that allows repeats counts keys exactly at once");
    assertEquals(20000 - 97, tolerated.value().outcomes().get(0).observed().longValue());
  }
}
