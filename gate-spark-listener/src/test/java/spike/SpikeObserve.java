package spike;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.WriteFiles;
import scala.collection.JavaConverters;

/**
 * In-pass observation (mode IN_PASS): the optimizer rule wraps the query of a V1 file write
 * (InsertIntoHiveTable here, by class name; the product already does
 * InsertIntoHadoopFsRelationCommand) in CollectMetrics, under WriteFiles. SpikeCommitProtocol reads
 * the metric before publishing.
 */
final class SpikeObserve {
  static final String METRICS = "spike_gate";

  private SpikeObserve() {}

  static LogicalPlan apply(SparkSession spark, LogicalPlan plan) {
    if (SpikeGate.mode != SpikeGate.Mode.IN_PASS
        || SpikeGate.inGatePass()
        || !plan.getClass().getName().equals(WriteTargets.HIVE_INSERT)) {
      return plan;
    }
    LogicalPlan query = plan.children().head();
    WriteFiles writeFiles = query instanceof WriteFiles wf ? wf : null;
    LogicalPlan target = writeFiles != null ? writeFiles.child() : query;
    if (target instanceof CollectMetrics cm && cm.name().equals(METRICS)) {
      return plan; // optimizer batches run to a fixed point: stay idempotent
    }
    LogicalPlan shape =
        new LocalRelation(
            target.output(),
            JavaConverters.asScalaBuffer(new ArrayList<InternalRow>()).toSeq(),
            false);
    Dataset<Row> observed =
        Dataset.ofRows(spark, shape)
            .observe(
                METRICS,
                sum(when(col(SpikeGate.CHECKED_COLUMN).isNull(), 1).otherwise(0)).as("nulls"));
    CollectMetrics resolved = (CollectMetrics) observed.queryExecution().analyzed();
    LogicalPlan wrapped =
        new CollectMetrics(METRICS, resolved.metrics(), target, resolved.dataframeId());
    LogicalPlan newQuery = writeFiles != null ? writeFiles.withNewChildren(seq(wrapped)) : wrapped;
    return plan.withNewChildren(seq(newQuery));
  }

  private static scala.collection.Seq<LogicalPlan> seq(LogicalPlan p) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(List.of(p))).toSeq();
  }
}
