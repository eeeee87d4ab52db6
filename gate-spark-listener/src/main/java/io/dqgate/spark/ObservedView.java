package io.dqgate.spark;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One definition of a temp view created in {@code spark.dqgate.views=observe} mode: its checks ride in
 * the pass of the queries that read it, under the CollectMetrics named {@link #metricsName()} (stable for
 * the definition, so a self-join or a union of the view with itself carries the same metrics twice).
 */
final class ObservedView {
  static final String PREFIX = "dqgate_view_";

  private final String metricsName;
  private final DatasetId id;
  private final CheckPlan plan;
  private final LogicalPlan definition;
  private final List<DatasetId> inputs;
  private Long dataframeId;
  private DatasetResult result;

  ObservedView(String metricsName, DatasetId id, CheckPlan plan, LogicalPlan definition, List<DatasetId> inputs) {
    this.metricsName = metricsName;
    this.id = id;
    this.plan = plan;
    this.definition = definition;
    this.inputs = inputs;
  }

  String metricsName() {
    return metricsName;
  }

  DatasetId id() {
    return id;
  }

  /** The view's name, as a rule matches it. */
  DatasetRef ref() {
    return id.primary();
  }

  CheckPlan plan() {
    return plan;
  }

  /** The view's analyzed plan, for the extra pass of exact checks. */
  LogicalPlan definition() {
    return definition;
  }

  List<DatasetId> inputs() {
    return inputs;
  }

  /** The dataframe id of every CollectMetrics of this definition: the first one proposed. */
  synchronized long dataframeId(long proposed) {
    if (dataframeId == null) {
      dataframeId = proposed;
    }
    return dataframeId;
  }

  /** The first observation's result, or null while the view has not been observed. */
  synchronized DatasetResult result() {
    return result;
  }

  synchronized void result(DatasetResult value) {
    result = value;
  }
}
