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
  /** Counts the jobs the gate tagged as its own, and where every job came from. */
  private static final class GateJobs extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();
    final List<String> sites = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      boolean gate =
          start.properties() != null
              && "true".equals(start.properties().getProperty(InternalJobs.PROPERTY));
      if (gate) {
        jobs.incrementAndGet();
      }
      sites.add(
          (gate ? "gate " : "")
              + (start.stageInfos().isEmpty() ? "?" : start.stageInfos().head().name()));
    }
  }

  private static String generate(Path dir) {
    TransactionGenerator.Config config = new TransactionGenerator.Config();
    config.rows = 3000;
    config.users = 150;
    config.seed = 7;
    config.output = dir.resolve("transactions.csv");
    try {
      TransactionGenerator.generate(config);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return config.output.toString();
  }

  /** The gated run: its new results by rule block, and its jobs (all, and the gate's). */
  private record Gated(Map<String, DatasetResult> byDataset, int jobs, GateJobs gate) {}

  private static Gated gated(SparkSession spark, String input, Path output) {
    spark.range(1).queryExecution().optimizedPlan(); // the gate starts with the session's rules
    JobCounter.drain(spark);
    int before = TestGate.current().ledger().results().size();
    GateJobs gate = new GateJobs();
    spark.sparkContext().addSparkListener(gate);
    int jobs;
    try {
      jobs =
          JobCounter.count(
              spark,
              () ->
                  ChurnFeatureJob.run(
                      spark,
                      new ChurnFeatureJob.Options(input, output.toString(), Optional.empty())));
    } finally {
      JobCounter.drain(spark);
      spark.sparkContext().removeSparkListener(gate);
    }
    List<DatasetResult> results = TestGate.current().ledger().results();
    Map<String, DatasetResult> byDataset = new LinkedHashMap<>();
    for (DatasetResult r : results.subList(before, results.size())) {
      byDataset.putIfAbsent(r.name(), r);
    }
    return new Gated(byDataset, jobs, gate);
  }

  @Test
  void everyStageIsCheckedInPassesTheJobMakesAndExactChecksAddOnePassPerWrite(@TempDir Path dir) {
    SparkSession spark = SparkTestSession.get();
    String input = generate(dir);
    Gated run = gated(spark, input, dir.resolve("gated").resolve("output"));
    assertEquals(
        java.util.Set.of(
            "rejected_rows",
            "bronze_transactions",
            "temporal_features",
            "user_features",
            "labeled_users",
            "model_input",
            "features"),
        java.util.Set.copyOf(run.byDataset().keySet()),
        "every gated stage is checked during the run, the three views by the queries that read them");
    for (DatasetResult r : run.byDataset().values()) {
      assertNotEquals(Status.ERROR, r.status(), () -> r.name() + ": " + r.outcomes());
      assertNotEquals(Status.FAIL, r.status(), () -> r.name() + ": " + r.outcomes());
      boolean exact = r.name().equals("bronze_transactions") || r.name().equals("user_features");
      assertEquals(exact ? 1 : 0, r.sparkJobs(), () -> r.name() + " " + r.action());
    }
    // user_features' keys are tested against the Bloom filter bronze built in its own write pass
    var references =
        run.byDataset().get("user_features").outcomes().stream()
            .filter(o -> o.check().equals("references"))
            .findFirst()
            .orElseThrow();
    assertEquals(Status.PASS, references.status(), references.explanation());
    assertTrue(
        references
            .explanation()
            .matches(
                "user_id: 0 of [\\d,]+ rows have a key not found in"
                    + " bronze_transactions\\.user_id .*"),
        references.explanation());
    for (String view : List.of("temporal_features", "labeled_users", "model_input")) {
      assertTrue(
          run.byDataset().get(view).action().startsWith("view (observed in "),
          () -> view + ": " + run.byDataset().get(view).action());
    }
    // This session runs without AQE: one pass is one job.
    List<String> gateSites =
        run.gate().sites.stream().filter(site -> site.startsWith("gate ")).toList();
    assertEquals(
        2,
        gateSites.size(),
        () ->
            "the gate's own jobs: the exact-checks pass of bronze and of user_features: "
                + gateSites);
    for (String site : gateSites) {
      // The extra pass's one action (its line moves with the file; the call site does not).
      assertTrue(
          site.matches("gate collectAsList at CheckPlan\\.java:\\d+"), () -> "gate job " + site);
    }
    assertEquals(gateSites.get(0), gateSites.get(1), "both are the same exact-checks pass");

    // The same job with the gate's rules asleep, run second: an ungated run first makes the gated
    // run that follows it in the same session start jobs of the job's own (not explained yet;
    // docs/performance.md), which a fresh JVM, as SparkSubmit gives, does not.
    GateJobs plainSites = new GateJobs();
    spark.sparkContext().addSparkListener(plainSites);
    int plain = ungated(spark, input, dir.resolve("plain"));
    JobCounter.drain(spark);
    spark.sparkContext().removeSparkListener(plainSites);
    List<String> extra = new java.util.ArrayList<>(run.gate().sites);
    for (String site : plainSites.sites) {
      extra.remove(site.replaceFirst("^gate ", ""));
    }
    assertEquals(
        plain + 2,
        run.jobs(),
        "ungated " + plain + " jobs, gated " + run.jobs() + "; only in the gated run: " + extra);
  }

  private static int ungated(SparkSession spark, String input, Path output) {
    return JobCounter.count(
        spark,
        () ->
            InternalJobs.run(
                spark,
                "the sample pipeline, ungated",
                () ->
                    ChurnFeatureJob.run(
                        spark,
                        new ChurnFeatureJob.Options(input, output.toString(), Optional.empty()))));
  }
}
