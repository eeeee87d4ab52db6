package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.reports.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rule file's cross-stage rules on the unchanged sample pipeline, through SparkSubmit
 * with the shaded jar: a clean run passes them; a run whose job loses users between bronze and
 * user_features (a fifth of the users are new, with no history before the churn cutoff) fails the
 * user_features rule, and enforce mode stops that write.
 */
class CrossStageSamplePipelineIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final String USERS_RULE = "user_features.cross_stage.user_id";
  private static final String ROWS_RULE = "features.cross_stage";

  private static GateRun run(Path work, String... generatorFlags) throws Exception {
    Path csv = work.resolve("transactions.csv");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--rows", "20000", "--users", "1000", "--seed", "11", "--output", csv.toString()));
    args.addAll(List.of(generatorFlags));
    TransactionGenerator.generate(TransactionGenerator.Config.parse(args.toArray(String[]::new)));
    SparkSubmitRunner.Result r =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of(
                "spark.dqgate.rules=" + ROOT.resolve("sample-pipeline/rules/churn.yaml"),
                "spark.dqgate.reportDir=" + work.resolve("report")),
            "com.example.churn.ChurnFeatureJob",
            SparkSubmitRunner.sampleJar(),
            "--input",
            csv.toString(),
            "--output",
            work.resolve("output").toString());
    Files.writeString(work.resolve("submit.log"), r.output());
    GateRun run = Reports.readJson(work.resolve("report/report.json"));
    assertEquals(generatorFlags.length == 0 ? 0 : 3, r.exitCode(), r.output());
    return run;
  }

  private static Outcome outcome(GateRun run, String ruleId) {
    return run.datasets().stream()
        .flatMap(d -> d.outcomes().stream())
        .filter(o -> o.ruleId().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no outcome of " + ruleId + " in " + run));
  }

  @Test
  void aCleanRunPassesAndAJobThatLosesUsersFails(@TempDir Path dir) throws Exception {
    GateRun clean = run(dir.resolve("clean"));
    Outcome users = outcome(clean, USERS_RULE);
    assertEquals(Status.PASS, users.status(), users.explanation());
    assertTrue(
        users
            .explanation()
            .matches("distinct of user_id: [\\d,]+ here vs [\\d,]+ in bronze_transactions: .*"),
        users.explanation());
    Outcome rows = outcome(clean, ROWS_RULE);
    assertEquals(Status.PASS, rows.status(), rows.explanation());
    assertTrue(
        rows.explanation()
            .matches("row_count: ([\\d,]+) here vs \\1 in labeled_users: 100% of it; .*"),
        rows.explanation());

    Path lost = dir.resolve("lost");
    GateRun broken = run(lost, "--new-user-share", "0.2");
    Outcome failed = outcome(broken, USERS_RULE);
    Files.writeString(
        Path.of("target", "cross-stage-sample.txt"),
        String.join("\n", users.explanation(), rows.explanation(), failed.explanation()) + "\n");
    assertEquals(Status.FAIL, failed.status(), failed.explanation());
    assertTrue(
        failed.explanation().contains(" in bronze_transactions: ")
            && failed.explanation().contains("; allowed ≥ 95% of bronze_transactions"),
        failed.explanation());
    DatasetResult userFeatures =
        broken.datasets().stream()
            .filter(d -> d.name().equals("user_features"))
            .findFirst()
            .orElseThrow();
    assertFalse(userFeatures.published(), "enforce mode stops the write of the later stage");
    assertFalse(Files.exists(lost.resolve("output/user_features")));
    assertTrue(Files.exists(lost.resolve("output/bronze")), "the earlier stage was published");
  }
}
