package io.dqgate.core;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.check.History;
import io.dqgate.rules.check.RunStages;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Explicit checkpoints for jobs that want them. Most jobs need none of this: attaching the gate
 * with {@code --jars} checks every write and view by configuration. Use it to check a DataFrame
 * that is never written or named.
 *
 * <pre>{@code
 * DqGate.check(features, "features");            // runs the checks now; throws on a fail rule
 * DqGate.Checkpoint cp = DqGate.observe(df, "scored", rules);
 * cp.dataset().write().parquet(out);             // metrics ride along this write's pass
 * DatasetResult result = cp.result();            // verdict after the action
 * }</pre>
 */
public final class DqGate {
  /** The Spark conf key listing rule files (comma-separated; any Hadoop file system path). */
  public static final String RULES_KEY = "spark.dqgate.rules";

  private DqGate() {}

  /**
   * Checks {@code data} now against the rules whose {@code match} names stage {@code stage}, loaded
   * from {@value #RULES_KEY}.
   *
   * @throws GateRejectedException when a {@code fail} rule is breached
   */
  public static DatasetResult check(Dataset<Row> data, String stage) {
    SparkSession spark = data.sparkSession();
    String paths = spark.conf().get(RULES_KEY, "");
    if (paths.isBlank()) {
      throw new IllegalStateException(
          "Cannot check stage \""
              + stage
              + "\" because "
              + RULES_KEY
              + " is not set: pass --conf "
              + RULES_KEY
              + "=<rule files>");
    }
    return check(data, stage, RuleSources.load(paths, spark.sparkContext().hadoopConfiguration()));
  }

  /**
   * Checks {@code data} now against the rules of {@code rules} that match stage {@code stage}.
   *
   * @throws GateRejectedException when a {@code fail} rule is breached
   */
  public static DatasetResult check(Dataset<Row> data, String stage, RuleSet rules) {
    DatasetResult result = evaluate(data, DatasetRef.stage(stage), rules);
    if (result.status() == Status.FAIL) {
      throw new GateRejectedException(result, "the stage was stopped");
    }
    return result;
  }

  /**
   * Like {@link #check(Dataset, String, RuleSet)} for any dataset identity, and never throws on
   * FAIL.
   */
  public static DatasetResult evaluate(Dataset<Row> data, DatasetRef ref, RuleSet rules) {
    DatasetId id = DatasetId.of(ref).matchedIn(rules);
    CheckPlan plan = CheckPlan.plan(rules.checksFor(ref), rules.readersOf(id), data.schema());
    PassResult first = plan.runFirstPass(data);
    PassResult all = plan.runExtraPass(data, first);
    return result(id, "check", plan, all, List.of(), true, RunStages.NONE);
  }

  /**
   * Attaches the checks of stage {@code stage} to the next action on the returned dataset, at no
   * extra pass for single-pass checks. The verdict is available after that action from {@link
   * Checkpoint#result()}; exact checks (duplicates, IQR counts) run then as one extra job.
   */
  public static Checkpoint observe(Dataset<Row> data, String stage, RuleSet rules) {
    DatasetRef ref = DatasetRef.stage(stage);
    CheckPlan plan =
        CheckPlan.plan(
            rules.checksFor(ref),
            rules.readersOf(DatasetId.of(ref).matchedIn(rules)),
            data.schema());
    Observation observation = new Observation("dqgate_" + stage);
    var observeColumns = plan.observeColumns();
    Dataset<Row> observed =
        data.observe(
            observation,
            observeColumns[0],
            java.util.Arrays.copyOfRange(observeColumns, 1, observeColumns.length));
    return new Checkpoint(observed, data, ref, rules, plan, observation);
  }

  /**
   * Builds the result of a dataset from its plan and metrics (shared by every gate point); {@code
   * earlier} is what the run judged before it, which cross-stage rules compare with ({@link
   * RunStages#NONE}: judged on its own, cross-stage rules say they cannot compare).
   */
  public static DatasetResult result(
      DatasetId id,
      String action,
      CheckPlan plan,
      PassResult metrics,
      List<DatasetId> inputs,
      boolean published,
      RunStages earlier) {
    Instant now = Instant.now();
    MetricHistory history;
    History past;
    try {
      history = MetricHistory.ofActiveSession();
      past = history == null ? History.NONE : history.read(id.title());
    } catch (IllegalArgumentException e) {
      history = null;
      past = History.unreadable(e.getMessage());
    }
    List<Outcome> outcomes = plan.evaluate(metrics, Clock.systemUTC(), past, earlier);
    if (history != null && published) {
      try {
        history.append(
            id.title(), MetricHistory.currentRun(), now, CheckPlan.numericMetrics(metrics));
      } catch (IOException | RuntimeException e) {
        outcomes = new ArrayList<>(outcomes);
        outcomes.add(
            Outcomes.notice(
                Status.WARN,
                "metric history",
                "this run's metrics were not recorded in "
                    + MetricHistory.KEY
                    + " ("
                    + e.getMessage()
                    + "); change rules of later runs will not see it"));
      }
    }
    return new DatasetResult(
        id,
        action,
        plan.rowCount(metrics),
        plan.profiles(metrics),
        outcomes,
        inputs,
        metrics.sparkJobs(),
        published,
        now,
        CheckPlan.stageMetrics(metrics));
  }

  /** A dataset with checks attached to its next action. */
  public static final class Checkpoint {
    private final Dataset<Row> dataset;
    private final Dataset<Row> source;
    private final DatasetRef ref;
    private final RuleSet rules;
    private final CheckPlan plan;
    private final Observation observation;

    private Checkpoint(
        Dataset<Row> dataset,
        Dataset<Row> source,
        DatasetRef ref,
        RuleSet rules,
        CheckPlan plan,
        Observation observation) {
      this.dataset = dataset;
      this.source = source;
      this.ref = ref;
      this.rules = rules;
      this.plan = plan;
      this.observation = observation;
    }

    /** The dataset to run the action on. */
    public Dataset<Row> dataset() {
      return dataset;
    }

    /** The verdict; blocks until an action on {@link #dataset()} has run. */
    public DatasetResult result() {
      java.util.Map<String, Object> values;
      try {
        values = observation.getAsJava();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the checkpoint's action", e);
      }
      PassResult first = plan.readObserved(values);
      PassResult all = plan.runExtraPass(source, first);
      return DqGate.result(
          DatasetId.of(ref).matchedIn(rules),
          "observe",
          plan,
          all,
          List.of(),
          true,
          RunStages.NONE);
    }
  }
}
