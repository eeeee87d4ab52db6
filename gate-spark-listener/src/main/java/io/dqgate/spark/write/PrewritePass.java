package io.dqgate.spark.write;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.DqGate;
import io.dqgate.core.GateRejectedException;
import io.dqgate.core.PassResult;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.RunStages;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-write pass of {@link WriteTarget.Pass#PRE_WRITE} targets (Delta, Iceberg, JDBC, …): on
 * the caller's thread, after analysis and before the write starts, every single-pass metric the
 * matched rules need is computed over the rows about to be written in <em>one</em> Spark job
 * ({@link CheckPlan#runObservedPass}); exact checks that need a shuffle (duplicates, IQR counts)
 * cost one more pass. In enforce mode a breach throws before the write starts, so the destination
 * is untouched (same files, same Delta version, same Iceberg snapshot); in observe mode the result
 * is recorded and the write goes ahead. The write's query runs twice: once here, once in the write.
 */
final class PrewritePass {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private PrewritePass() {}

  /** Checks {@code write} when rules match its destination; throws when enforce rejects it. */
  static void check(
      SparkSession spark, GateRuntime runtime, WriteTarget target, LogicalPlan write) {
    MatchedWrite matched = MatchedWrite.of(runtime, target, write);
    if (matched == null) {
      return;
    }
    List<DatasetRef> refs = target.identities(write);
    LOG.info(
        "dqgate: checking {} ({}) before it starts",
        write.nodeName(),
        String.join(", ", refs.stream().map(DatasetRef::toString).toList()));
    LogicalPlan rows = target.query(write);
    Plans.Written written = matched.written();
    DatasetId id = matched.id();
    List<Check> checks = matched.checks();
    CheckPlan plan =
        CheckPlan.plan(
            checks, runtime.rules().readersOf(id), rows.schema(), runtime.ledger().judgedSoFar());
    String action = target.action(write);
    List<DatasetId> inputs =
        Plans.inputs(written != null ? written.source() : rows, runtime::isGatedView);
    PassResult metrics =
        runtime
            .guard()
            .run(
                "the pre-write pass of " + id.title(),
                null,
                () -> {
                  Dataset<Row> data = Dataset.ofRows(spark, rows);
                  PassResult first =
                      plan.runObservedPass(data, "dqgate: pre-write checks of " + id.title());
                  return plan.runExtraPass(data, first);
                });
    RunStages earlier = runtime.ledger().judgedSoFar();
    DatasetResult result =
        metrics != null
            ? DqGate.result(id, action, plan, metrics, inputs, true, earlier)
            : DqGate.result(id, action, plan, plan.emptyResult(), inputs, true, earlier)
                .withOutcomes(
                    errors(
                        plan, "the pre-write pass failed (see the warnings); the write went on"));
    if (runtime.enforcing() && result.status() == Status.FAIL) {
      runtime.ledger().record(result.withPublished(false));
      throw new GateRejectedException(
          result,
          "the write did not start, so "
              + String.join(", ", refs.stream().map(DatasetRef::toString).toList())
              + " is unchanged");
    }
    runtime.ledger().record(result);
  }

  private static List<Outcome> errors(CheckPlan plan, String reason) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Check check : plan.checks()) {
      outcomes.add(Outcomes.error(check, reason));
    }
    return outcomes;
  }
}
