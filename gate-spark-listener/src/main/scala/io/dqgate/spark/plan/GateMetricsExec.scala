package io.dqgate.spark.plan

import org.apache.spark.TaskContext
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.NamedExpression
import org.apache.spark.sql.execution.{AggregatingAccumulator, CollectMetricsExec, SparkPlan}

/**
 * Spark's `CollectMetricsExec` for the gate's own observed metrics, with one aggregation buffer
 * per task instead of one per input partition.
 *
 * Spark's operator starts a fresh buffer (and generates its update projection) for every
 * partition of its child and merges it into the task's accumulator when the task ends. Under a
 * `coalesce(n)` one task reads many partitions of its child: the sample pipeline's cached stages
 * read 200 shuffle partitions in 2 tasks, and with the gate's profile aggregates the per-partition
 * set-up cost ~0.3 s each, 65 s for one stage of 50,000 rows (docs/performance.md). Here the
 * buffer is made once per task and shared by every partition the task reads; what is published
 * at task end is the same aggregate over the same rows.
 *
 * Everything else is Spark's: `CollectMetricsExec.collect` and `QueryExecution.observedMetrics`
 * find this node as a `CollectMetricsExec`. Written in Scala because Java cannot extend a Scala
 * case class that mixes in `UnaryLike` (javac rejects the erased bridge methods).
 */
class GateMetricsExec(
    name: String,
    metricExpressions: Seq[NamedExpression],
    child: SparkPlan)
  extends CollectMetricsExec(name, metricExpressions, child) {

  // Spark's accumulator is private: this node keeps its own, registered the same way.
  private lazy val collector: AggregatingAccumulator = {
    val acc = AggregatingAccumulator(metricExpressions, child.output)
    sparkContext.register(acc, "Collected metrics")
    acc
  }

  override def collectedMetrics: org.apache.spark.sql.Row = {
    // The base class converts its own (never filled) accumulator: convert ours.
    GateMetricsExec.toRow(this, collector.value)
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val acc = collector
    acc.reset()
    child.execute().mapPartitions(new PerTaskUpdate(acc))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): CollectMetricsExec =
    new GateMetricsExec(name, metricExpressions, newChild)

  override def nodeName: String = "CollectMetrics"
}

private object GateMetricsExec {
  def toRow(node: CollectMetricsExec, value: InternalRow): org.apache.spark.sql.Row =
    org.apache.spark.sql.catalyst.CatalystTypeConverters
      .createToScalaConverter(node.metricsSchema)
      .asInstanceOf[InternalRow => org.apache.spark.sql.Row](value)
}

/**
 * Adds every row to the task's one buffer. Deserialized once per task with the task's closure, so
 * `updater` starts empty in each task and is shared by the partitions that task reads.
 */
private class PerTaskUpdate(collector: AggregatingAccumulator)
  extends (Iterator[InternalRow] => Iterator[InternalRow]) with Serializable {

  @transient private var updater: AggregatingAccumulator = _

  override def apply(rows: Iterator[InternalRow]): Iterator[InternalRow] = {
    if (updater == null) {
      val local = collector.copyAndReset()
      updater = local
      // As Spark's operator: publish only when the task has completed, so a heartbeat never sends
      // a partial value.
      TaskContext.get().addTaskCompletionListener[Unit] { _ =>
        collector.merge(local)
      }
    }
    val sink = updater
    rows.map { r =>
      sink.add(r)
      r
    }
  }
}
