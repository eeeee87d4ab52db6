package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged application (package e2eapp, no dqgate import) run through SparkSubmit with the gate
 * attached by --jars and --conf only.
 */
class SubmitEndToEndIT {
  private static final String RULES =
      "# rules of the end-to-end tests\n"
          + "datasets:\n"
          + "  - name: e2e_outputs\n"
          + "    match: {path: \"e2e/*\"}\n"
          + "    checks:\n"
          + "      - range: {column: amount, min: 0, max: 100}\n"
          + "      - row_count: {min: 1}\n";
  private static final Map<String, String> KIND_LOCATIONS =
      Map.of(
          "path-overwrite", "e2e/path_overwrite",
          "path-append", "e2e/path_append",
          "insertInto", "e2e/t_insert",
          "insert-overwrite", "e2e/t_iow",
          "static-partition-overwrite", "e2e/t_static",
          "dynamic-partition-overwrite", "e2e/t_dynamic");

  @TempDir static Path work;
  private static Path appJar;
  private static Path rules;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws Exception {
    appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    rules = SparkSubmitRunner.writeRules(work, "e2e-rules.yaml", RULES);
    spark = SparkTestSession.get();
  }

  private static long rows(Path base, String location) {
    return spark.read().parquet(base.resolve(location).toString()).count();
  }

  private static long bad(Path base, String location) {
    return spark.read().parquet(base.resolve(location).toString()).where("amount > 100").count();
  }

  private static List<String> confs(String... extra) {
    List<String> confs =
        new java.util.ArrayList<>(
            List.of(
                "spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + work.resolve("report")));
    confs.addAll(List.of(extra));
    return confs;
  }

  @Test
  void everyWriteKindIsGatedAndRejectedWritesKeepTheOldData() throws Exception {
    Path base = work.resolve("kinds");
    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submit(
            work, "local[2]", confs(), "e2eapp.WriteKinds", appJar, base.toString(), "good");
    assertEquals(0, clean.exitCode(), clean.output());
    for (String kind : KIND_LOCATIONS.keySet()) {
      assertTrue(clean.output().contains("WRITE-OK " + kind), kind + "\n" + clean.output());
      assertEquals(1000, rows(base, KIND_LOCATIONS.get(kind)), kind);
    }

    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submit(
            work, "local[2]", confs(), "e2eapp.WriteKinds", appJar, base.toString(), "bad");
    assertEquals(3, rejected.exitCode(), rejected.output());
    String expectedRule =
        "e2e_outputs.range.amount: amount: 399 of 500 rows (79.8%) are outside [0, 100];"
            + " none allowed — "
            + rules
            + ":6";
    for (String kind : KIND_LOCATIONS.keySet()) {
      assertTrue(
          rejected
              .output()
              .contains("WRITE-FAILED " + kind + " GateRejectedException: dqgate rejected "),
          kind + "\n" + rejected.output());
      assertEquals(
          1000, rows(base, KIND_LOCATIONS.get(kind)), kind + ": the old data must be intact");
      assertEquals(
          0, bad(base, KIND_LOCATIONS.get(kind)), kind + ": no rejected row may be published");
    }
    assertTrue(rejected.output().contains(expectedRule), rejected.output());
    assertTrue(
        rejected
            .output()
            .contains(
                "WRITE-FAILED path-overwrite GateRejectedException: dqgate rejected path "
                    + base.resolve("e2e/path_overwrite")
                    + " (rules \"e2e_outputs\"): 1 fail rule was breached; nothing was"
                    + " published and the data at "
                    + base.resolve("e2e/path_overwrite")
                    + " is unchanged."),
        rejected.output());
    assertTrue(
        rejected.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"),
        rejected.output());
  }

  @Test
  void rejectionHoldsWithSeparateExecutorJvms() throws Exception {
    Path base = work.resolve("cluster");
    SparkSubmitRunner.Result clean =
        SparkSubmitRunner.submit(
            work,
            "local-cluster[2,1,1024]",
            confs(),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "good",
            "path-overwrite");
    assertEquals(0, clean.exitCode(), clean.output());
    SparkSubmitRunner.Result rejected =
        SparkSubmitRunner.submit(
            work,
            "local-cluster[2,1,1024]",
            confs(),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "bad",
            "path-overwrite");
    assertEquals(3, rejected.exitCode(), rejected.output());
    assertTrue(
        rejected.output().contains("399 of 500 rows (79.8%) are outside [0, 100]"),
        rejected.output());
    assertEquals(1000, rows(base, "e2e/path_overwrite"));
    assertEquals(0, bad(base, "e2e/path_overwrite"));
  }

  @Test
  void observeModePublishesAndExitsWithTheBreachCode() throws Exception {
    Path base = work.resolve("observe");
    SparkSubmitRunner.Result observed =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            confs("spark.dqgate.mode=observe"),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "bad",
            "path-overwrite");
    assertEquals(3, observed.exitCode(), observed.output());
    assertTrue(observed.output().contains("WRITE-OK path-overwrite"), observed.output());
    assertEquals(500, rows(base, "e2e/path_overwrite"));

    SparkSubmitRunner.Result monitoring =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            confs("spark.dqgate.mode=observe", "spark.dqgate.failOnBreach=false"),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "bad",
            "path-overwrite");
    assertEquals(0, monitoring.exitCode(), monitoring.output());
  }

  @Test
  void configurationMistakesAreNamed() throws Exception {
    Path base = work.resolve("conf");
    SparkSubmitRunner.Result wrongMode =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            confs("spark.dqgate.mode=enforse", "spark.dqgate.rulez=x"),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "good",
            "path-overwrite");
    assertTrue(wrongMode.exitCode() != 0, wrongMode.output());
    assertTrue(
        wrongMode
            .output()
            .contains(
                "Cannot start dqgate because of its configuration: unknown key"
                    + " spark.dqgate.rulez (did you mean spark.dqgate.rules?)"),
        wrongMode.output());
    assertTrue(
        wrongMode
            .output()
            .contains("spark.dqgate.mode=enforse is not valid: use one of enforce, observe, off"),
        wrongMode.output());

    Path broken =
        SparkSubmitRunner.writeRules(
            work,
            "broken.yaml",
            "datasets:\n  - name: x\n    match: {path: out}\n    checks:\n      - not_nul: {column: a}\n");
    SparkSubmitRunner.Result badRules =
        SparkSubmitRunner.submit(
            work,
            "local[2]",
            List.of("spark.dqgate.rules=" + broken),
            "e2eapp.WriteKinds",
            appJar,
            base.toString(),
            "good",
            "path-overwrite");
    assertTrue(badRules.exitCode() != 0, badRules.output());
    assertTrue(
        badRules
            .output()
            .contains(broken + ":5:9: unknown check \"not_nul\": did you mean \"not_null\"?"),
        badRules.output());
  }
}
