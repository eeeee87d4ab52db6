package io.dqgate.spark;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.InternalJobs;
import io.dqgate.rules.Check;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.DatasetRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.CollectMetrics;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.WriteFiles;

/**
 * Optimizer rule: under every file write whose destination has rules, wraps the written query in
 * {@code CollectMetrics} carrying all single-pass checks, so they are computed by the write's own
 * tasks at no extra scan. The commit protocol reads them before anything is published.
 *
 * <p>Optimizer batches run to a fixed point, so the rule is idempotent: a query already wrapped by the
 * gate is left alone.
 */
final class ObserveWritesRule extends Rule<LogicalPlan> {
  private final SparkSession spark;

  ObserveWritesRule(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    GateRuntime runtime = GateRuntime.current();
    if (runtime == null || InternalJobs.active() || !(plan instanceof InsertIntoHadoopFsRelationCommand write)) {
      return plan;
    }
    return Guard.run("planning the checks of a write", plan, () -> wrap(runtime, write));
  }

  private LogicalPlan wrap(GateRuntime runtime, InsertIntoHadoopFsRelationCommand write) {
    LogicalPlan query = write.query();
    WriteFiles writeFiles = query instanceof WriteFiles wf ? wf : null;
    LogicalPlan target = writeFiles != null ? writeFiles.child() : query;
    if (target instanceof CollectMetrics cm && cm.name().startsWith("dqgate_")) {
      return write;
    }
    String path = Plans.pathKey(write.outputPath().toString());
    List<DatasetRef> refs = new ArrayList<>();
    if (write.catalogTable().isDefined()) {
      refs.add(DatasetRef.table(write.catalogTable().get().identifier().unquotedString()));
    }
    refs.add(DatasetRef.path(path));
    Set<DatasetRules> blocks = new LinkedHashSet<>();
    for (DatasetRef ref : refs) {
      blocks.addAll(runtime.rules.matching(ref));
    }
    if (blocks.isEmpty()) {
      return write;
    }
    // The identity: the names rules matched (table, path), then the temp view written, when it is one.
    Plans.Written written = runtime.written(path);
    List<DatasetRef> names = new ArrayList<>(refs);
    if (written != null && written.view() != null) {
      names.add(DatasetRef.view(written.view()));
    }
    DatasetId id = new DatasetId(blocks.stream().map(DatasetRules::name).distinct().collect(Collectors.joining(", ")), names);
    runtime.expectWrite(path, id);
    List<Check> checks = new ArrayList<>();
    for (DatasetRules block : blocks) {
      checks.addAll(block.checks());
    }
    CheckPlan checkPlan = CheckPlan.plan(checks, target.schema());
    String name = runtime.nextMetricsName();
    var columns = checkPlan.observeColumns();
    // Resolve the metric expressions against the query's own output attributes, with no data.
    LogicalPlan shape = new LocalRelation(target.output(), Plans.seq(List.<InternalRow>of()), false);
    Dataset<Row> observed =
        Dataset.ofRows(spark, shape)
            .observe(name, columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length));
    CollectMetrics resolved = (CollectMetrics) observed.queryExecution().analyzed();
    CollectMetrics wrapped = new CollectMetrics(name, resolved.metrics(), target, resolved.dataframeId());
    // Lineage from the analyzed plan: the optimized one has lost its temp views and hides caches.
    List<DatasetId> inputs = Plans.inputs(written != null ? written.source() : target, runtime::isGatedView);
    runtime.expect(new PendingWrite(name, id, path, checkPlan, action(write), inputs));
    LogicalPlan newQuery =
        writeFiles != null ? writeFiles.withNewChildren(Plans.seq(List.of(wrapped))) : wrapped;
    return write.withNewChildren(Plans.seq(List.of(newQuery)));
  }

  static String action(InsertIntoHadoopFsRelationCommand write) {
    String mode = write.mode() == SaveMode.Overwrite ? "overwrite" : write.mode().name().toLowerCase(Locale.ROOT);
    String target = write.catalogTable().isDefined() ? "table" : "path";
    String partitions = write.staticPartitions().isEmpty() ? "" : " partition " + write.staticPartitions().mkString(",");
    boolean dynamic = write.mode() == SaveMode.Overwrite && !write.partitionColumns().isEmpty()
        && write.staticPartitions().size() < write.partitionColumns().size();
    return "write " + mode + " " + target + partitions + (dynamic ? " (partitioned)" : "");
  }
}
