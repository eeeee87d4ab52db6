package io.dqgate.spark.runtime;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One definition of a temp view created in {@code spark.dqgate.views=observe} mode: its checks ride
 * in the pass of the queries that read it, under the CollectMetrics named {@link #metricsName()}
 * (stable for the definition, so a self-join or a union of the view with itself carries the same
 * metrics twice).
 */
public final class ObservedView {
  public static final String PREFIX = "dqgate_view_";

  private final String metricsName;
  private final DatasetId id;
  private final CheckPlan plan;
  private final LogicalPlan definition;
  private final List<DatasetId> inputs;
  private Long dataframeId;
  private DatasetResult result;

  public ObservedView(
      String metricsName,
      DatasetId id,
      CheckPlan plan,
      LogicalPlan definition,
      List<DatasetId> inputs) {
    this.metricsName = metricsName;
    this.id = id;
    this.plan = plan;
    this.definition = definition;
    this.inputs = inputs;
  }

  public String metricsName() {
    return metricsName;
  }

  public DatasetId id() {
    return id;
  }

  /** The view's name, as a rule matches it. */
  public DatasetRef ref() {
    return id.primary();
  }

  public CheckPlan plan() {
    return plan;
  }

  /** The view's analyzed plan, for the extra pass of exact checks. */
  public LogicalPlan definition() {
    return definition;
  }

  public List<DatasetId> inputs() {
    return inputs;
  }

  /** The dataframe id of every CollectMetrics of this definition: the first one proposed. */
  public synchronized long dataframeId(long proposed) {
    if (dataframeId == null) {
      dataframeId = proposed;
    }
    return dataframeId;
  }

  /** The first observation's result, or null while the view has not been observed. */
  public synchronized DatasetResult result() {
    return result;
  }

  public synchronized void result(DatasetResult value) {
    result = value;
  }
}
