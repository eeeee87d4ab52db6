package io.dqgate.spark;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.rules.RuleFileException;
import io.dqgate.reports.Reports;
import io.dqgate.rules.RuleSet;
import io.dqgate.core.RuleSources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * The gate of one Spark application (driver side): configuration, rules, results so far, and the end
 * of the run (reports, exit code). Created by {@link DqGateExtensions} when the first session is built.
 */
final class GateRuntime {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");
  /** Spark runs shutdown hooks by priority, highest first; SparkContext stops at 50. */
  private static final int REPORT_HOOK_PRIORITY = 1;
  private static final String COMMIT_PROTOCOL_KEY = "spark.sql.sources.commitProtocolClass";
  private static final String DEFAULT_COMMIT_PROTOCOL =
      "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol";
  private static volatile GateRuntime current;

  final GateConf conf;
  final GateConf.Mode mode;
  final RuleSet rules;
  private final String runId = UUID.randomUUID().toString();
  private final Instant startedAt = Instant.now();
  private final SparkContext sc;
  private final List<DatasetResult> results = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, PendingWrite> pending = new ConcurrentHashMap<>();
  private final AtomicLong writeCounter = new AtomicLong();
  private final AtomicBoolean internalError = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final List<StageSummary> stages = new ArrayList<>();
  private final List<RunObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<Long, io.dqgate.rules.DatasetId> executionDatasets = new ConcurrentHashMap<>();
  private final List<Outcome> stageOutcomes = new ArrayList<>();
  private final Map<String, io.dqgate.rules.DatasetId> writeIds = new ConcurrentHashMap<>();
  /** What each file write writes (by output path), noted at analysis, where views and caches are still visible. */
  private final Map<String, Plans.Written> writtenViews = new ConcurrentHashMap<>();
  /** Lower-case names of temp views a gated write wrote: lineage stops at them, they are gated datasets. */
  private final Set<String> gatedViews = ConcurrentHashMap.newKeySet();
  /** Views created in observe mode: the current definition by lower-case name, every definition by metrics name. */
  private final Map<String, ObservedView> viewsByName = new ConcurrentHashMap<>();
  private final Map<String, ObservedView> viewsByMetrics = new java.util.LinkedHashMap<>();
  private final AtomicLong viewCounter = new AtomicLong();

  private GateRuntime(SparkSession spark, GateConf conf, RuleSet rules) {
    this.sc = spark.sparkContext();
    this.conf = conf;
    this.mode = conf.get(GateConf.MODE);
    this.rules = rules;
  }

  /** The runtime of this application, or null when the gate is not attached or is disabled. */
  static GateRuntime current() {
    return current;
  }

  /** Starts the gate for this application once; configuration errors are thrown with their fix. */
  static synchronized GateRuntime start(SparkSession spark) {
    if (current != null && current.sc == spark.sparkContext()) {
      current.configureSession(spark);
      return current;
    }
    GateConf conf;
    try {
      conf = GateConf.from(spark.sparkContext().getConf());
    } catch (IllegalArgumentException e) {
      throw new GateConfigurationException(e.getMessage());
    }
    if (!conf.get(GateConf.ENABLED) || conf.get(GateConf.MODE) == GateConf.Mode.OFF) {
      LOG.info("dqgate is attached but off (spark.dqgate.enabled=false or spark.dqgate.mode=off)");
      return null;
    }
    List<String> files = conf.get(GateConf.RULES);
    if (files.isEmpty()) {
      throw new GateConfigurationException(
          "Cannot start dqgate because spark.dqgate.rules is not set: pass --conf spark.dqgate.rules=<rule"
              + " files> (or spark.dqgate.enabled=false to attach the jar without checking).");
    }
    RuleSet rules;
    try {
      rules = RuleSources.load(String.join(",", files), spark.sparkContext().hadoopConfiguration());
    } catch (RuleFileException e) {
      throw new GateConfigurationException(e.getMessage());
    }
    GateRuntime runtime = new GateRuntime(spark, conf, rules);
    runtime.configureSession(spark);
    runtime.registerShutdownHook();
    current = runtime;
    LOG.info(
        "dqgate {}: {} rule file(s), {} dataset block(s), mode {}",
        version(),
        rules.files().size(),
        rules.datasets().size(),
        runtime.mode.name().toLowerCase(java.util.Locale.ROOT));
    return runtime;
  }

  /** Routes file writes through the gate's commit protocol unless the user chose another one. */
  private void configureSession(SparkSession spark) {
    String protocol = spark.conf().get(COMMIT_PROTOCOL_KEY, DEFAULT_COMMIT_PROTOCOL);
    if (protocol.equals(DEFAULT_COMMIT_PROTOCOL)) {
      spark.conf().set(COMMIT_PROTOCOL_KEY, GateCommitProtocol.class.getName());
    } else if (!protocol.equals(GateCommitProtocol.class.getName())) {
      warn(
          COMMIT_PROTOCOL_KEY + " is " + protocol + ", so dqgate cannot hold back rejected file writes: they"
              + " are checked and reported but published even in enforce mode. Unset it to let dqgate protect them.");
    }
    String algorithm = spark.sparkContext().hadoopConfiguration().get("mapreduce.fileoutputcommitter.algorithm.version", "1");
    if (!"1".equals(algorithm.trim())) {
      warn(
          "mapreduce.fileoutputcommitter.algorithm.version is " + algorithm + ": tasks publish their files"
              + " before the job commits, so a rejected write may leave partial output. Use version 1 with dqgate.");
    }
  }

  boolean enforcing() {
    return mode == GateConf.Mode.ENFORCE;
  }

  boolean failClosed() {
    return conf.get(GateConf.ON_INTERNAL_ERROR) == GateConf.OnInternalError.FAIL_CLOSED;
  }

  String nextMetricsName() {
    return "dqgate_" + writeCounter.incrementAndGet();
  }

  void expect(PendingWrite write) {
    pending.put(write.metricsName(), write);
  }

  /** The pending write to {@code outputPath} (scheme stripped), or null. */
  PendingWrite pendingFor(String outputPath) {
    PendingWrite found = null;
    for (PendingWrite w : pending.values()) {
      if (w.outputPath().equals(outputPath)
          && (found == null || number(w.metricsName()) > number(found.metricsName()))) {
        found = w;
      }
    }
    return found;
  }

  void done(PendingWrite write) {
    pending.remove(write.metricsName());
  }

  private static long number(String metricsName) {
    return Long.parseLong(metricsName.substring(metricsName.indexOf('_') + 1));
  }

  /** A temp view with rules was created in observe mode: its checks ride in the queries that read it. */
  ObservedView registerView(io.dqgate.rules.DatasetId id, io.dqgate.core.CheckPlan plan,
      org.apache.spark.sql.catalyst.plans.logical.LogicalPlan definition, List<io.dqgate.rules.DatasetId> inputs) {
    String key = id.primary().name().toLowerCase(java.util.Locale.ROOT);
    String metricsName = ObservedView.PREFIX + key.replaceAll("[^a-z0-9_]", "_") + "_" + viewCounter.incrementAndGet();
    ObservedView view = new ObservedView(metricsName, id, plan, definition, inputs);
    synchronized (viewsByMetrics) {
      viewsByMetrics.put(metricsName, view);
    }
    viewsByName.put(key, view);
    return view;
  }

  boolean hasObservedViews() {
    return !viewsByName.isEmpty();
  }

  /** The current observe-mode definition of temp view {@code name}, or null. */
  ObservedView observedView(String name) {
    return viewsByName.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  ObservedView viewByMetrics(String metricsName) {
    synchronized (viewsByMetrics) {
      return viewsByMetrics.get(metricsName);
    }
  }

  /**
   * Records every observe-mode view definition never observed, each rule ERROR (never a silent pass),
   * and forgets them. Called at the end of the run.
   */
  void recordUnobservedViews() {
    List<ObservedView> never = new ArrayList<>();
    synchronized (viewsByMetrics) {
      for (var it = viewsByMetrics.values().iterator(); it.hasNext(); ) {
        ObservedView view = it.next();
        if (view.result() == null) {
          never.add(view);
          it.remove();
        }
      }
    }
    for (ObservedView view : never) {
      viewsByName.remove(view.ref().name().toLowerCase(java.util.Locale.ROOT), view);
      DatasetResult result = ViewObservations.neverRead(view);
      view.result(result);
      record(result);
    }
  }

  void addObserver(RunObserver observer) {
    observers.add(observer);
    Guard.run("starting " + observer.getClass().getSimpleName(), () -> observer.onStart(this));
  }

  /** Remembers which dataset a SQL execution wrote, so stage metrics can be attributed to it. */
  void bindExecution(long executionId, io.dqgate.rules.DatasetId id) {
    executionDatasets.put(executionId, id);
  }

  /** The dataset a SQL execution wrote, or null. */
  io.dqgate.rules.DatasetId datasetOfExecution(long executionId) {
    return executionDatasets.get(executionId);
  }

  /** A write to {@code pathKey} matched rules; {@code id} holds its names (table, path, then the view written). */
  void expectWrite(String pathKey, io.dqgate.rules.DatasetId id) {
    writeIds.put(pathKey, id);
    id.refs().stream()
        .filter(r -> r.kind() == io.dqgate.rules.DatasetRef.Kind.VIEW)
        .forEach(r -> gatedViews.add(r.name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Notes, at analysis, what a write to {@code pathKey} writes. */
  void noteWritten(String pathKey, Plans.Written written) {
    writtenViews.put(pathKey, written);
  }

  /** What the current write to {@code pathKey} writes, as noted at its analysis, or null. */
  Plans.Written written(String pathKey) {
    return writtenViews.get(pathKey);
  }

  /** True when lineage stops at temp view {@code name}: rules match it, or a gated write wrote it. */
  boolean isGatedView(String name) {
    return !rules.matching(io.dqgate.rules.DatasetRef.view(name)).isEmpty()
        || gatedViews.contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Called when a write to {@code pathKey} commits in SQL execution {@code executionId}: binds the execution
   * to every name of the dataset when rules matched it, so stage diagnostics find rules matched by path
   * for a table write too.
   */
  void bindWrite(long executionId, String pathKey) {
    io.dqgate.rules.DatasetId id = writeIds.get(pathKey);
    if (id != null) {
      executionDatasets.put(executionId, id);
    }
  }

  void record(DatasetResult result) {
    synchronized (this) {
      recordLocked(result);
    }
    for (RunObserver observer : observers) {
      Guard.run("reporting a dataset to " + observer.getClass().getSimpleName(), () -> observer.onDataset(this, result));
    }
  }

  private void recordLocked(DatasetResult result) {
    results.add(result);
    for (Outcome o : result.outcomes()) {
      if (o.status() == Status.FAIL || o.status() == Status.ERROR) {
        LOG.warn("dqgate {} {}: {}", o.status(), o.ruleId(), o.explanation());
      }
    }
    LOG.info(
        "dqgate checked {}: {} ({} rules: {} pass, {} warn, {} fail, {} error)",
        result.id(),
        result.status(),
        result.outcomes().size(),
        result.count(Status.PASS),
        result.count(Status.WARN),
        result.count(Status.FAIL),
        result.count(Status.ERROR));
  }

  synchronized void warn(String message) {
    if (!warnings.contains(message)) {
      warnings.add(message);
      LOG.warn("dqgate: {}", message);
    }
  }

  void internalError(String message) {
    internalError.set(true);
    warn(message);
  }

  synchronized void recordStage(StageSummary summary, List<Outcome> outcomes) {
    stages.add(summary);
    stageOutcomes.addAll(outcomes);
  }

  synchronized List<DatasetResult> results() {
    return List.copyOf(results);
  }

  /** The exit code this run asks for: 0, {@link GateConf#EXIT_BREACH} or {@link GateConf#EXIT_INTERNAL_ERROR}. */
  synchronized int exitCode() {
    if (internalError.get() && failClosed()) {
      return GateConf.EXIT_INTERNAL_ERROR;
    }
    boolean breached =
        results.stream().anyMatch(r -> r.status() == Status.FAIL)
            || stageOutcomes.stream().anyMatch(o -> o.status() == Status.FAIL);
    if (!breached) {
      return 0;
    }
    return mode == GateConf.Mode.OBSERVE && !conf.get(GateConf.FAIL_ON_BREACH) ? 0 : GateConf.EXIT_BREACH;
  }

  synchronized GateRun snapshot() {
    return new GateRun(
        runId,
        sc.appName(),
        sc.applicationId(),
        startedAt,
        Instant.now(),
        mode.name().toLowerCase(java.util.Locale.ROOT),
        sc.version(),
        version(),
        rules.files().stream().map(f -> f.source()).toList(),
        results,
        stages,
        stageOutcomes,
        warnings,
        exitCode());
  }

  /**
   * Notifies observers and writes the reports, once; returns the run as written. A second caller (the
   * shutdown hook after the application-end event) waits until the first is done, so the process never
   * halts while reports or lineage are still being written.
   */
  GateRun finish() {
    synchronized (finished) {
      if (finished.get()) {
        return snapshot();
      }
      GateRun run = finishOnce();
      finished.set(true);
      return run;
    }
  }

  /** Runs {@link #finish()} on a thread of its own: the listener bus must not wait for disk or network. */
  void finishInBackground() {
    new Thread(null, () -> Guard.run("finishing the run", this::finish), "dqgate-finish", 0, false).start();
  }

  private GateRun finishOnce() {
    Guard.run("reporting the views never observed", this::recordUnobservedViews);
    GateRun beforeObservers = snapshot();
    for (RunObserver observer : observers) {
      Guard.run("finishing " + observer.getClass().getSimpleName(), () -> observer.onFinish(this, beforeObservers));
    }
    GateRun run = snapshot();
    Path dir = Path.of(conf.get(GateConf.REPORT_DIR));
    try {
      Reports.writeAll(run, dir);
      LOG.info("dqgate: {} — reports in {}", run.verdict(), dir.toAbsolutePath());
    } catch (RuntimeException | java.io.IOException e) {
      LOG.warn("dqgate: cannot write the reports to {}: {}", dir.toAbsolutePath(), e.toString());
    }
    return run;
  }

  private void registerShutdownHook() {
    // Only applications launched by spark-submit get the gate's exit code: an in-process session (a
    // notebook, a test) must never be halted by a library.
    boolean launchedBySubmit = sc.getConf().contains("spark.submit.deployMode");
    ShutdownHookManager.addShutdownHook(
        REPORT_HOOK_PRIORITY,
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            GateRun run = finish();
            if (launchedBySubmit && run.exitCode() != 0) {
              System.err.println(
                  "dqgate: exiting with code " + run.exitCode() + " ("
                      + (run.exitCode() == GateConf.EXIT_BREACH ? "a fail rule was breached" : "internal error, fail-closed")
                      + "); reports in " + Path.of(conf.get(GateConf.REPORT_DIR)).toAbsolutePath());
              System.err.flush();
              Runtime.getRuntime().halt(run.exitCode());
            }
            return BoxedUnit.UNIT;
          }
        });
  }

  static String version() {
    String v = GateRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
