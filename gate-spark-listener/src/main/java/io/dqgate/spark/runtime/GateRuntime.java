package io.dqgate.spark.runtime;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.rules.RuleSet;
import io.dqgate.spark.config.GateConf;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;

/**
 * The gate of one Spark application (driver side): configuration, rules, what was decided so far
 * ({@link RunLedger}), the writes and views on their way ({@link PendingWrites}, {@link
 * ObservedViews}, {@link ExecutionDatasets}), and who follows the run ({@link RunObserver}, {@link
 * RunSink}). Started by {@link GateRuntimes#start} when the first session is built; the end of the
 * run is {@link RunEnd}.
 */
public final class GateRuntime implements ActiveGate {
  private final GateConf conf;
  private final GateConf.Mode mode;
  private final RuleSet rules;
  private final String runId = UUID.randomUUID().toString();
  private final Instant startedAt = Instant.now();
  private final SparkContext sc;
  private final List<RunObserver> observers = new CopyOnWriteArrayList<>();
  private final List<RunSink> sinks = new CopyOnWriteArrayList<>();
  private final RunLedger ledger;
  private final Guard guard;
  private final PendingWrites pendingWrites = new PendingWrites();
  private final ExecutionDatasets executions = new ExecutionDatasets();
  private final ObservedViews observedViews = new ObservedViews();
  private final SeenWrites seenWrites = new SeenWrites();
  private final RunEnd end = new RunEnd(this);

  GateRuntime(SparkContext sc, GateConf conf, RuleSet rules) {
    this(sc, conf, rules, FaultInjector.load());
  }

  /** {@code faults}: the test seam, {@link FaultInjector#NONE} unless a test registered one. */
  GateRuntime(SparkContext sc, GateConf conf, RuleSet rules, FaultInjector faults) {
    this.sc = sc;
    this.conf = conf;
    this.mode = conf.get(GateConf.MODE);
    this.rules = rules;
    this.ledger = new RunLedger(conf, this::notifyObservers);
    this.guard =
        new Guard(
            ledger,
            conf.get(GateConf.ON_INTERNAL_ERROR) == GateConf.OnInternalError.FAIL_CLOSED,
            faults);
  }

  public GateConf conf() {
    return conf;
  }

  public GateConf.Mode mode() {
    return mode;
  }

  public RuleSet rules() {
    return rules;
  }

  /**
   * True when lineage stops at temp view {@code name}: rules match it, or a gated write wrote it.
   */
  public boolean isGatedView(String name) {
    return !rules.matching(io.dqgate.rules.DatasetRef.view(name)).isEmpty()
        || executions().wroteView(name);
  }

  SparkContext sparkContext() {
    return sc;
  }

  @Override
  public boolean enforcing() {
    return mode == GateConf.Mode.ENFORCE;
  }

  @Override
  public Guard guard() {
    return guard;
  }

  @Override
  public RunLedger ledger() {
    return ledger;
  }

  @Override
  public PendingWrites pendingWrites() {
    return pendingWrites;
  }

  @Override
  public ExecutionDatasets executions() {
    return executions;
  }

  @Override
  public ObservedViews observedViews() {
    return observedViews;
  }

  /** Every top-level write of the run, checked or not. */
  public SeenWrites seenWrites() {
    return seenWrites;
  }

  /** Shorthand for {@code ledger().warn(message)}. */
  public void warn(String message) {
    ledger.warn(message);
  }

  public void addObserver(RunObserver observer) {
    observers.add(observer);
    guard.run("starting " + observer.getClass().getSimpleName(), () -> observer.onStart(this));
  }

  public void addSink(RunSink sink) {
    sinks.add(sink);
  }

  List<RunObserver> observers() {
    return observers;
  }

  List<RunSink> sinks() {
    return sinks;
  }

  private void notifyObservers(DatasetResult result) {
    for (RunObserver observer : observers) {
      guard.run(
          "reporting a dataset to " + observer.getClass().getSimpleName(),
          () -> observer.onDataset(this, result));
    }
  }

  /** The exit code this run asks for so far. */
  public int exitCode() {
    return ledger.exitCode();
  }

  /** The run as decided so far. */
  public GateRun snapshot() {
    synchronized (ledger) {
      return new GateRun(
          runId,
          sc.appName(),
          sc.applicationId(),
          startedAt,
          Instant.now(),
          mode.name().toLowerCase(Locale.ROOT),
          sc.version(),
          version(),
          rules.files().stream().map(f -> f.source()).toList(),
          ledger.results(),
          ledger.stages(),
          ledger.stageOutcomes(),
          ledger.warnings(),
          ledger.exitCode());
    }
  }

  /** Ends the run once (observers, then sinks) and returns it; see {@link RunEnd#finish()}. */
  public GateRun finish() {
    return end.finish();
  }

  /** Ends the run on a thread of its own: the listener bus must not wait for disk or network. */
  public void finishInBackground() {
    end.finishInBackground();
  }

  public static String version() {
    String v = GateRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
