package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.testing.SparkTestSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's own code made to throw in a real SparkSubmit run, through the test-only fault seam: a
 * jar holding the tests' {@code FaultInjector} (and its META-INF/services entry) is given to --jars
 * after the gate, and {@code DQGATE_TEST_FAULT} names the guarded section to fail. With {@code
 * spark.dqgate.onInternalError=fail-closed} the application exits 4 and a write stopped by the
 * fault leaves the destination as it was; with fail-open (the default) it exits 0 and the write
 * lands. Application {@code e2eapp.ViewThenWrite}: a view with rules, then an overwrite of {@code
 * e2e/out}, which holds 1000 rows before each run.
 */
class FaultInjectionIT {
  private static final String RULES =
      "datasets:\n"
          + "  - name: fault_outputs\n"
          + "    match: {path: \"e2e/*\"}\n"
          + "    checks:\n"
          + "      - range: {column: amount, min: 0, max: 100}\n"
          + "  - name: fault_view\n"
          + "    match: {view: checked_v}\n"
          + "    checks:\n"
          + "      - range: {column: amount, min: 0, max: 100}\n";
  private static final String FAIL_CLOSED = "spark.dqgate.onInternalError=fail-closed";

  @TempDir static Path work;
  private static Path appJar;
  private static Path faultJar;
  private static Path rules;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws Exception {
    appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    faultJar = faultJar(work);
    rules = SparkSubmitRunner.writeRules(work, "fault-rules.yaml", RULES);
    spark = SparkTestSession.get();
  }

  /** The tests' FaultInjector and its service entry, in a jar of their own. */
  private static Path faultJar(Path dir) throws IOException {
    Path classes = Path.of(System.getProperty("dqgate.testClasses", "target/test-classes"));
    Path jar = dir.resolve("faults.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      String service = "META-INF/services/io.dqgate.spark.runtime.FaultInjector";
      jarOut.putNextEntry(new JarEntry(service));
      jarOut.write(Files.readAllBytes(classes.resolve(service)));
      jarOut.closeEntry();
      try (var files = Files.list(classes.resolve("io/dqgate/spark/runtime"))) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("TestFaults")).toList()) {
          jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          jarOut.write(Files.readAllBytes(file));
          jarOut.closeEntry();
        }
      }
    }
    return jar;
  }

  private SparkSubmitRunner.Result run(String name, String fault, String... confs)
      throws Exception {
    Path base = work.resolve(name);
    spark
        .sql("SELECT id, CAST(id % 100 AS DOUBLE) AS amount FROM range(1000)")
        .write()
        .mode("overwrite")
        .parquet(base.resolve("e2e/out").toString());
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + base.resolve("report")));
    all.addAll(List.of(confs));
    return SparkSubmitRunner.submit(
        work,
        "local[2]",
        List.of(faultJar),
        all,
        Map.of("DQGATE_TEST_FAULT", fault),
        "e2eapp.ViewThenWrite",
        appJar,
        base.toString());
  }

  private static long rows(String name) {
    return spark.read().parquet(work.resolve(name).resolve("e2e/out").toString()).count();
  }

  private static void assertFailClosed(SparkSubmitRunner.Result r, String where) {
    assertEquals(4, r.exitCode(), r.output());
    assertTrue(
        r.output()
            .contains(
                "dqgate internal error in "
                    + where
                    + ": io.dqgate.spark.runtime.TestFaults$InjectedFault: injected fault in "
                    + where),
        r.output());
    assertTrue(
        r.output().contains("dqgate: exiting with code 4 (internal error, fail-closed)"),
        r.output());
  }

  @Test
  void optimizerRuleFaultFailClosedStopsTheWriteAndExits4() throws Exception {
    SparkSubmitRunner.Result r = run("optimizer", "planning the checks of a write", FAIL_CLOSED);
    assertFailClosed(r, "planning the checks of a write");
    assertTrue(r.output().contains("VIEW-OK"), r.output());
    assertTrue(
        r.output()
            .contains(
                "WRITE-FAILED IllegalStateException: dqgate internal error in planning the checks"
                    + " of a write"),
        r.output());
    assertEquals(1000, rows("optimizer"), "the old data must be intact");
  }

  @Test
  void commitProtocolFaultFailClosedStopsTheWriteAndExits4() throws Exception {
    SparkSubmitRunner.Result r = run("commit", "deciding a write", FAIL_CLOSED);
    assertFailClosed(r, "deciding a write");
    assertTrue(r.output().contains("WRITE-FAILED "), r.output());
    assertTrue(r.output().contains("(spark.dqgate.onInternalError=fail-closed)"), r.output());
    assertEquals(1000, rows("commit"), "the old data must be intact");
  }

  @Test
  void checkRuleFaultFailClosedStopsTheViewAndExits4() throws Exception {
    // The check rule decides a view when it is created only in eager mode (observe is the default).
    SparkSubmitRunner.Result r =
        run("view", "checking view checked_v", FAIL_CLOSED, "spark.dqgate.views=eager");
    assertFailClosed(r, "checking view checked_v");
    assertTrue(
        r.output()
            .contains(
                "VIEW-FAILED IllegalStateException: dqgate internal error in checking view"
                    + " checked_v"),
        r.output());
  }

  @Test
  void listenerFaultFailClosedLetsTheJobRunAndExits4() throws Exception {
    String where = "collecting a job's stages (stage diagnostics are off for the rest of this run)";
    SparkSubmitRunner.Result r = run("listener", "collecting a job's stages", FAIL_CLOSED);
    assertFailClosed(r, where);
    // A listener never throws onto Spark's bus: the job's own steps all succeed.
    assertTrue(r.output().contains("VIEW-OK"), r.output());
    assertTrue(r.output().contains("WRITE-OK"), r.output());
    assertEquals(500, rows("listener"));
  }

  @Test
  void commitProtocolFaultFailOpenPublishesAndExits0() throws Exception {
    SparkSubmitRunner.Result r = run("open", "deciding a write");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("WRITE-OK"), r.output());
    assertEquals(500, rows("open"));
    String report =
        Files.readString(work.resolve("open/report/report.json"), StandardCharsets.UTF_8);
    assertTrue(
        report.contains("cannot check because of an internal gate error (see the warnings)"),
        report);
  }

  @Test
  void unwritableReportDirAndSilentLineageBackendLeaveTheJobAlone() throws Exception {
    Path notADir = Files.writeString(work.resolve("not-a-dir"), "x");
    Path reports = notADir.resolve("reports");
    // Accepts connections and never answers: each HTTP post would wait its 10-minute timeout.
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      SparkSubmitRunner.Result r =
          run(
              "sinks",
              "",
              "spark.dqgate.reportDir=" + reports,
              "spark.openlineage.transport.type=http",
              "spark.openlineage.transport.url=http://127.0.0.1:" + silent.getLocalPort(),
              "spark.openlineage.transport.timeoutInMillis=600000",
              "spark.dqgate.lineage.flushTimeout=2s");
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertEquals(0, r.exitCode(), r.output());
      assertTrue(seconds < 240, "the run took " + seconds + " s: it waited for the backend");
      assertTrue(r.output().contains("VIEW-OK"), r.output());
      assertTrue(r.output().contains("WRITE-OK"), r.output());
      assertEquals(500, rows("sinks"));
      assertTrue(
          r.output()
              .contains(
                  "dqgate: Cannot write the reports to " + reports.toAbsolutePath() + " because"),
          r.output());
      assertTrue(
          r.output().contains("the job's data and exit code (0) are not affected."), r.output());
      assertTrue(r.output().contains("events could not be sent: not sent within"), r.output());
      assertTrue(r.output().contains("spark.dqgate.lineage.flushTimeout=2000ms"), r.output());
      assertFalse(Files.exists(reports));
    }
  }
}
