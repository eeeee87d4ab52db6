package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Delta's row-level commands, read by class name and guarded reflection (Delta is not on the gate's
 * classpath): {@code MERGE INTO} is checked on its source rows (what the merge inserts or updates
 * from), {@code UPDATE} on the rows it changes ({@code SELECT updateExpressions FROM target WHERE
 * condition}). A Delta version whose commands lack the accessors read here is not handled ({@link
 * #isDefinedAt} false), so the write falls to the loud "cannot check" outcome. {@code DELETE}
 * writes no new values and is reported as not checked ({@link WriteNodes}).
 */
final class DeltaCommandTarget extends PrewriteTarget {
  static final String MERGE = "org.apache.spark.sql.delta.commands.MergeIntoCommand";
  static final String UPDATE = "org.apache.spark.sql.delta.commands.UpdateCommand";

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    String name = node.getClass().getName();
    if (!name.equals(MERGE) && !name.equals(UPDATE)) {
      return false;
    }
    // Cheap: only that the accessors answer (the optimizer asks too); the rows are built later.
    boolean readable =
        name.equals(MERGE)
            ? Reflected.call(node, "source") instanceof LogicalPlan
            : Reflected.call(node, "target") instanceof LogicalPlan
                && Reflected.call(node, "updateExpressions") instanceof scala.collection.Seq<?>;
    return readable && !identities(node).isEmpty();
  }

  private static boolean isMerge(LogicalPlan node) {
    return node.getClass().getName().equals(MERGE);
  }

  /** The table (when the command names one), then the table's path. */
  @Override
  public List<DatasetRef> identities(LogicalPlan node) {
    List<DatasetRef> refs = new ArrayList<>();
    if (Reflected.option(Reflected.call(node, "catalogTable")) instanceof CatalogTable table) {
      refs.add(DatasetRef.table(table.identifier().unquotedString()));
    }
    Object index = Reflected.call(node, isMerge(node) ? "targetFileIndex" : "tahoeFileIndex");
    Object path = Reflected.call(index, "path");
    if (path != null) {
      refs.add(DatasetRef.path(Plans.pathKey(path.toString())));
    }
    return refs;
  }

  @Override
  public LogicalPlan query(LogicalPlan node) {
    return isMerge(node) ? (LogicalPlan) Reflected.call(node, "source") : updatedRows(node);
  }

  /** The rows an UPDATE writes, from its own fields: null when they cannot be read. */
  @SuppressWarnings("unchecked")
  private static LogicalPlan updatedRows(LogicalPlan update) {
    if (!(Reflected.call(update, "target") instanceof LogicalPlan target)
        || !(Reflected.call(update, "updateExpressions") instanceof scala.collection.Seq<?> seq)) {
      return null;
    }
    List<Expression> updates = Plans.list((scala.collection.Seq<Expression>) seq);
    List<Attribute> output = Plans.list(target.output());
    if (updates.size() != output.size()) {
      return null;
    }
    Dataset<Row> rows = Dataset.ofRows(SparkSession.active(), target);
    if (Reflected.option(Reflected.call(update, "condition")) instanceof Expression condition) {
      rows = rows.filter(new Column(condition));
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < output.size(); i++) {
      columns.add(new Column(updates.get(i)).as(output.get(i).name()));
    }
    return rows.select(columns.toArray(new Column[0])).logicalPlan();
  }

  @Override
  public String action(LogicalPlan node) {
    return isMerge(node)
        ? "merge into delta table (pre-write pass over the merge source)"
        : "update delta table (pre-write pass over the updated rows)";
  }
}
