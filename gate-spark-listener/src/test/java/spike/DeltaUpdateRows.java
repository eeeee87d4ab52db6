package spike;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

/**
 * The rows a Delta UPDATE writes: {@code SELECT updateExpressions FROM target WHERE condition},
 * built from UpdateCommand's own fields (target, updateExpressions, condition), read by reflection.
 */
final class DeltaUpdateRows {
  private DeltaUpdateRows() {}

  @SuppressWarnings("unchecked")
  static LogicalPlan changedRows(SparkSession spark, Object updateCommand) {
    LogicalPlan target = (LogicalPlan) Reflect.call(updateCommand, "target");
    List<Expression> updates =
        JavaConverters.seqAsJavaList(
            (scala.collection.Seq<Expression>) Reflect.call(updateCommand, "updateExpressions"));
    Expression condition = (Expression) Reflect.option(Reflect.call(updateCommand, "condition"));
    Dataset<Row> rows = Dataset.ofRows(spark, target);
    if (condition != null) {
      rows = rows.filter(new Column(condition));
    }
    List<Attribute> output = JavaConverters.seqAsJavaList(target.output());
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < output.size(); i++) {
      columns.add(new Column(updates.get(i)).as(output.get(i).name()));
    }
    return rows.select(columns.toArray(new Column[0])).logicalPlan();
  }
}
