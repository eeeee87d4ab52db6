package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Status;
import io.dqgate.reports.Reports;
import io.dqgate.testing.SparkTestSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster started by the test: a Master and a Worker, each its own JVM on
 * 127.0.0.1 (Spark's classpath alone, random ports, small memory), executors launched by the Worker
 * from a SPARK_HOME whose jars/ is Spark's classpath. Applications are submitted to it in client
 * mode with the gate attached by --jars and --conf only. The Master and the Worker (and whatever
 * executors the Worker still runs) are stopped by PID after the tests, also when they fail.
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path CLUSTER = Path.of("target", "standalone-cluster").toAbsolutePath();
  private static final List<String> EXECUTORS =
      List.of("spark.executor.cores=1", "spark.executor.memory=512m", "spark.cores.max=2");

  @TempDir static Path work;
  private static Process master;
  private static Process worker;
  private static String masterUrl;

  @BeforeAll
  static void startCluster() throws Exception {
    deleteRecursively(CLUSTER);
    Files.createDirectories(CLUSTER.resolve("worker"));
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    masterUrl = "spark://127.0.0.1:" + port;
    master =
        daemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--webui-port",
            "0");
    awaitLog("master", "I have been elected leader");
    worker =
        daemon(
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--webui-port",
            "0",
            "--cores",
            "2",
            "--memory",
            "2g",
            "--work-dir",
            CLUSTER.resolve("worker").toString(),
            masterUrl);
    awaitLog("worker", "Successfully registered with master");
  }

  /**
   * One cluster daemon: Spark's classpath and Java 17 flags, output in target/standalone-cluster.
   */
  private static Process daemon(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
    command.add("-cp");
    command.add(Files.readString(Path.of(System.getProperty("dqgate.sparkClasspath"))).trim());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(CLUSTER.toFile());
    builder.redirectErrorStream(true).redirectOutput(CLUSTER.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // What the Worker builds each executor's `java -cp` from: SPARK_HOME/jars.
    builder.environment().put("SPARK_HOME", SparkSubmitRunner.sparkHome(CLUSTER).toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    return builder.start();
  }

  private static void awaitLog(String name, String line) throws Exception {
    Path log = CLUSTER.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the " + name + " did not say \"" + line + "\" in 90 s:\n" + Files.readString(log));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process daemon : new Process[] {worker, master}) {
      if (daemon != null) {
        daemon.descendants().forEach(ProcessHandle::destroyForcibly);
        daemon.destroyForcibly();
        daemon.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static GateRun samplePipeline(Path dir, String... generatorFlags) throws Exception {
    Path csv = dir.resolve("transactions.csv");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--rows", "20000", "--users", "1000", "--seed", "11", "--output", csv.toString()));
    args.addAll(List.of(generatorFlags));
    TransactionGenerator.generate(TransactionGenerator.Config.parse(args.toArray(String[]::new)));
    List<String> confs =
        new ArrayList<>(
            List.of(
                "spark.dqgate.rules=" + ROOT.resolve("sample-pipeline/rules/churn.yaml"),
                "spark.dqgate.reportDir=" + dir.resolve("report")));
    confs.addAll(EXECUTORS);
    SparkSubmitRunner.Result r =
        SparkSubmitRunner.submit(
            dir,
            masterUrl,
            confs,
            "com.example.churn.ChurnFeatureJob",
            SparkSubmitRunner.sampleJar(),
            "--input",
            csv.toString(),
            "--output",
            dir.resolve("output").toString());
    Files.writeString(dir.resolve("submit.log"), r.output());
    assertEquals(generatorFlags.length == 0 ? 0 : 3, r.exitCode(), r.output());
    assertTrue(r.output().contains("Connected to Spark cluster"), "a standalone cluster ran it");
    return Reports.readJson(dir.resolve("report/report.json"));
  }

  private static DatasetResult dataset(GateRun run, String name) {
    return run.datasets().stream()
        .filter(d -> name.equals(d.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + name + " in " + run));
  }

  @Test
  void theGatedSamplePipelinePassesCleanDataAndStopsDefectiveData() throws Exception {
    Path clean = Files.createDirectories(work.resolve("clean"));
    GateRun passed = samplePipeline(clean);
    // The clean data's heavy tail trips two warn-severity IQR rules, as in every run of the demo.
    assertEquals(0, passed.count(Status.FAIL) + passed.count(Status.ERROR), passed.toString());
    for (String stage : List.of("bronze_transactions", "user_features", "features")) {
      assertTrue(dataset(passed, stage).published(), stage);
    }
    assertTrue(Files.isDirectory(clean.resolve("output/bronze")));
    assertTrue(Files.isDirectory(clean.resolve("output/features/split=train")));

    Path defective = Files.createDirectories(work.resolve("defective"));
    GateRun failed = samplePipeline(defective, "--defects");
    assertEquals(Status.FAIL, failed.verdict());
    DatasetResult bronze = dataset(failed, "bronze_transactions");
    assertEquals(Status.FAIL, bronze.status(), bronze.toString());
    assertFalse(bronze.published(), "the failing stage is not published");
    assertFalse(Files.exists(defective.resolve("output/bronze")));
    assertFalse(Files.exists(defective.resolve("output/features")), "later stages never ran");
  }

  private static final String SLOW_RULES =
      "datasets:\n"
          + "  - name: slow_output\n"
          + "    match: {path: \"e2e/slow\"}\n"
          + "    checks:\n"
          + "      - row_count: {min: 1}\n"
          + "      - not_null: {column: amount, max_fraction: 0.5}\n"
          + "      - not_null: {column: id}\n"
          + "      - range: {column: amount, min: 0, max: 100}\n";

  /**
   * Runs {@code e2eapp.SlowWrite}; with {@code kill}, SIGKILLs the first executor whose task of the
   * write has started (the task names its PID in a marker file, then sleeps), so the cluster loses
   * it mid-write and the task is retried elsewhere.
   */
  private static DatasetResult slowWrite(String name, boolean kill) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Path markers = dir.resolve("markers");
    // One rule file for both runs: the outcomes' sentences name it.
    Path rules = SparkSubmitRunner.writeRules(work, "slow.yaml", SLOW_RULES);
    Path appJar = SparkSubmitRunner.appJar(dir, "e2eapp");
    List<String> confs =
        new ArrayList<>(
            List.of(
                "spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + dir.resolve("report")));
    confs.addAll(EXECUTORS);
    CompletableFuture<SparkSubmitRunner.Result> submitted =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return SparkSubmitRunner.submit(
                    dir,
                    masterUrl,
                    confs,
                    "e2eapp.SlowWrite",
                    appJar,
                    dir.toString(),
                    markers.toString());
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    if (kill) {
      ProcessHandle executor = firstMarkedExecutor(markers, submitted);
      assertTrue(
          executor.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"),
          "PID " + executor.pid() + " is an executor: " + executor.info());
      assertTrue(executor.destroyForcibly(), "SIGKILL sent to " + executor.pid());
      executor.onExit().get(30, TimeUnit.SECONDS);
    }
    SparkSubmitRunner.Result r = submitted.get(8, TimeUnit.MINUTES);
    Files.writeString(dir.resolve("submit.log"), r.output());
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("WRITE-OK"), r.output());
    if (kill) {
      assertTrue(r.output().contains("Lost executor"), "the driver saw the executor die");
    }
    GateRun run = Reports.readJson(dir.resolve("report/report.json"));
    assertEquals(1, run.datasets().size(), run.toString());
    return dataset(run, "slow_output");
  }

  private static ProcessHandle firstMarkedExecutor(
      Path markers, CompletableFuture<SparkSubmitRunner.Result> submitted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && !submitted.isDone()) {
      if (Files.isDirectory(markers)) {
        try (Stream<Path> files = Files.list(markers)) {
          Optional<ProcessHandle> executor =
              files
                  .map(f -> Long.parseLong(f.getFileName().toString().split("-")[0]))
                  .findFirst()
                  .flatMap(ProcessHandle::of);
          if (executor.isPresent()) {
            return executor.get();
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no task of the write started: " + submitted.getNow(null));
  }

  @Test
  void anExecutorKilledMidWriteChangesNeitherTheVerdictNorTheCounts() throws Exception {
    DatasetResult undisturbed = slowWrite("undisturbed", false);
    DatasetResult killed = slowWrite("killed", true);

    assertEquals(2000L, undisturbed.rowCount());
    assertEquals(Status.PASS, undisturbed.status(), undisturbed.toString());
    assertEquals(undisturbed.rowCount(), killed.rowCount(), "row_count");
    assertEquals(exact(undisturbed), exact(killed), "null counts, min, max, sum per column");
    assertQuantilesAgree(undisturbed, killed);
    assertEquals(
        undisturbed.outcomes().stream().map(o -> o.status() + " " + o.explanation()).toList(),
        killed.outcomes().stream().map(o -> o.status() + " " + o.explanation()).toList());
    assertTrue(killed.published());

    SparkSession spark = SparkTestSession.get();
    String written = work.resolve("killed/e2e/slow").toString();
    assertEquals(2000, spark.read().parquet(written).count(), "no row lost or written twice");
    assertEquals(2000, spark.read().parquet(written).select("id").distinct().count());
    assertEquals(286, spark.read().parquet(written).where("amount IS NULL").count());
  }

  /** The exact part of each column profile (quantiles are approximate, see below). */
  private static List<String> exact(DatasetResult result) {
    return result.columns().stream()
        .map(
            c ->
                String.join(
                    " ",
                    c.name(),
                    "nulls=" + c.nullCount(),
                    "nans=" + c.nanCount(),
                    "min=" + c.min(),
                    "max=" + c.max(),
                    "sum=" + c.sum()))
        .toList();
  }

  /**
   * percentile_approx merges the tasks' sketches in the order the tasks finish, so a retried task
   * may move a quantile within the sketch's rank error (0.1% of the rows): compare within it.
   */
  private static void assertQuantilesAgree(DatasetResult expected, DatasetResult actual) {
    for (int i = 0; i < expected.columns().size(); i++) {
      var e = expected.columns().get(i);
      var a = actual.columns().get(i);
      double range = Double.parseDouble(e.max()) - Double.parseDouble(e.min());
      assertEquals(e.quantiles().keySet(), a.quantiles().keySet(), e.name());
      for (String q : e.quantiles().keySet()) {
        assertEquals(
            e.quantiles().get(q), a.quantiles().get(q), range * 0.002, e.name() + " quantile " + q);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
