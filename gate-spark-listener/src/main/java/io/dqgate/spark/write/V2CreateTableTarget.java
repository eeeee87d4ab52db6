package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.TableSpecBase;

/**
 * {@code CREATE TABLE … AS SELECT} and {@code REPLACE TABLE … AS SELECT} in a V2 catalog (Delta's
 * {@code DeltaCatalog}, Iceberg's {@code SparkCatalog}), including {@code saveAsTable} in those
 * formats. The catalog creates or replaces the table in the write's own commit, so a rejection
 * before the write leaves no new table and an existing one exactly as it was.
 */
final class V2CreateTableTarget extends PrewriteTarget {

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    return (node instanceof CreateTableAsSelect || node instanceof ReplaceTableAsSelect)
        && name(node) instanceof ResolvedIdentifier;
  }

  private static LogicalPlan name(LogicalPlan node) {
    return node instanceof CreateTableAsSelect c ? c.name() : ((ReplaceTableAsSelect) node).name();
  }

  private static TableSpecBase spec(LogicalPlan node) {
    return node instanceof CreateTableAsSelect c
        ? c.tableSpec()
        : ((ReplaceTableAsSelect) node).tableSpec();
  }

  @Override
  public List<DatasetRef> identities(LogicalPlan node) {
    ResolvedIdentifier id = (ResolvedIdentifier) name(node);
    List<DatasetRef> refs = new ArrayList<>();
    refs.add(DatasetRef.table(id.catalog().name() + "." + id.identifier()));
    if (spec(node) != null && spec(node).location().isDefined()) {
      refs.add(DatasetRef.path(Plans.pathKey(spec(node).location().get())));
    }
    return refs;
  }

  @Override
  public LogicalPlan query(LogicalPlan node) {
    return node instanceof CreateTableAsSelect c
        ? c.query()
        : ((ReplaceTableAsSelect) node).query();
  }

  @Override
  public String action(LogicalPlan node) {
    return (node instanceof CreateTableAsSelect
            ? "create table as select"
            : "replace table as select")
        + " (pre-write pass)";
  }
}
