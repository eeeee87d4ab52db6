package com.example.churn;

import static com.example.churn.Fixtures.tx;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The hand-written baseline of the benchmark: it checks what churn.yaml checks, one action per
 * check.
 */
class HandwrittenChecksTest {

  private static Dataset<Row> cleanBronze(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(tx("t" + i, "u" + (i % 50), "2024-03-0" + (1 + i % 9), 10.0 + i % 7, "grocery"));
    }
    return Fixtures.bronze(rows.toArray(new Row[0]));
  }

  @Test
  void cleanBronzePassesWithOneJobPerCheck() throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    Dataset<Row> bronze = cleanBronze(1200).cache();
    bronze.count();
    Fixtures.spark().sparkContext().addSparkListener(counter);
    try {
      assertDoesNotThrow(() -> HandwrittenChecks.validate(ChurnFeatureJob.VIEW_BRONZE, bronze));
      Fixtures.spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      Fixtures.spark().sparkContext().removeSparkListener(counter);
      bronze.unpersist();
    }
    // count, 4 not-null, unique, 2 ranges, approxQuantile + IQR count, 2 allowed-values lists: 12
    // actions.
    // An action is at least one job (more when a shuffle runs as its own job under AQE).
    assertTrue(jobs.get() >= 12, "jobs: " + jobs.get());
  }

  @Test
  void aDuplicateTransactionStopsBronze() {
    List<Row> rows = new ArrayList<>(cleanBronze(1200).collectAsList());
    rows.add(rows.get(0));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                HandwrittenChecks.validate(
                    ChurnFeatureJob.VIEW_BRONZE, Fixtures.bronze(rows.toArray(new Row[0]))));
    assertTrue(
        e.getMessage().contains("unique transaction_id: 1 duplicate row(s)"), e.getMessage());
  }

  @Test
  void optionTurnsTheChecksOn() {
    assertEquals(
        true,
        ChurnFeatureJob.Options.parse(
                new String[] {"--input", "i", "--handwritten-checks", "--output", "o"})
            .handwrittenChecks());
    assertEquals(
        false,
        ChurnFeatureJob.Options.parse(new String[] {"--input", "i", "--output", "o"})
            .handwrittenChecks());
  }
}
