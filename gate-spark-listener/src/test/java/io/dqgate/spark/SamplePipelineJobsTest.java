package io.dqgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.ChurnFeatureJob;
import com.example.churn.TransactionGenerator;
import io.dqgate.core.InternalJobs;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Status;
import io.dqgate.spark.runtime.TestGate;
import io.dqgate.testing.JobCounter;
import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample pipeline with the shipped churn.yaml (on this module's test rule path) and the gate
 * attached in-process, enforce mode, views observed (the default): every gated stage adds no Spark
 * job for its single-pass checks, views included, and each write with exact checks adds one.
 */
class SamplePipelineJobsTest {
  /** Counts the jobs the gate tagged as its own. */
  private static final class GateJobs extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      if (start.properties() != null
          && "true".equals(start.properties().getProperty(InternalJobs.PROPERTY))) {
        jobs.incrementAndGet();
      }
    }
  }

  @Test
  void gatedStagesAddNoJobButOnePerWriteWithExactChecks(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkTestSession.get();
    TransactionGenerator.Config config = new TransactionGenerator.Config();
    config.rows = 3000;
    config.users = 150;
    config.seed = 7;
    config.output = dir.resolve("transactions.csv");
    TransactionGenerator.generate(config);
    String input = config.output.toString();

    // The same job with the gate's rules asleep (they leave the gate's own queries alone).
    int plain =
        JobCounter.count(
            spark,
            () ->
                InternalJobs.run(
                    spark,
                    "the sample pipeline, ungated",
                    () ->
                        ChurnFeatureJob.run(
                            spark,
                            new ChurnFeatureJob.Options(
                                input, dir.resolve("plain").toString(), Optional.empty()))));

    JobCounter.drain(spark);
    int before = TestGate.current().ledger().results().size();
    GateJobs gate = new GateJobs();
    spark.sparkContext().addSparkListener(gate);
    int gated;
    try {
      gated =
          JobCounter.count(
              spark,
              () ->
                  ChurnFeatureJob.run(
                      spark,
                      new ChurnFeatureJob.Options(
                          input,
                          dir.resolve("gated").resolve("output").toString(),
                          Optional.empty())));
    } finally {
      JobCounter.drain(spark);
      spark.sparkContext().removeSparkListener(gate);
    }
    List<DatasetResult> results = TestGate.current().ledger().results();
    Map<String, DatasetResult> byDataset = new LinkedHashMap<>();
    for (DatasetResult r : results.subList(before, results.size())) {
      byDataset.putIfAbsent(r.name(), r);
    }
    assertEquals(
        java.util.Set.of(
            "rejected_rows",
            "bronze_transactions",
            "temporal_features",
            "user_features",
            "labeled_users",
            "model_input",
            "features"),
        java.util.Set.copyOf(byDataset.keySet()),
        "every gated stage is checked during the run, the three views by the queries that read them");
    for (DatasetResult r : byDataset.values()) {
      assertNotEquals(Status.ERROR, r.status(), () -> r.name() + ": " + r.outcomes());
      assertNotEquals(Status.FAIL, r.status(), () -> r.name() + ": " + r.outcomes());
      boolean exact = r.name().equals("bronze_transactions") || r.name().equals("user_features");
      assertEquals(exact ? 1 : 0, r.sparkJobs(), () -> r.name() + " " + r.action());
    }
    assertTrue(byDataset.get("temporal_features").action().startsWith("view (observed in "));
    assertEquals(2, gate.jobs.get(), "the gate's own jobs: one per write with exact checks");
    assertEquals(plain + 2, gated, "plain " + plain + " jobs, gated " + gated);
  }
}
