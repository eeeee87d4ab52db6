package io.dqgate.spark.write;

import io.dqgate.spark.runtime.RunLedger;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule that spots {@code saveAsTable} in overwrite mode, which no hook can protect (Spark drops the
 * existing table inside DataFrameWriter before any plan exists), and warns loudly.
 */
public final class OverwriteTableWarning extends AbstractFunction1<LogicalPlan, BoxedUnit> {
  private final SparkSession spark;
  private final RunLedger ledger;

  public OverwriteTableWarning(SparkSession spark, RunLedger ledger) {
    this.spark = spark;
    this.ledger = ledger;
  }

  @Override
  public BoxedUnit apply(LogicalPlan plan) {
    if (plan instanceof CreateDataSourceTableAsSelectCommand ctas
        && ctas.mode() == SaveMode.Overwrite
        && spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY()) == null) {
      String table = ctas.table().identifier().unquotedString();
      ledger.warn(
          "saveAsTable(\"" + table + "\") with mode overwrite cannot be protected: Spark dropped the old table"
              + " before dqgate could check the new data, so a rejection cannot bring it back. Use"
              + " df.write().mode(\"overwrite\").insertInto(\"" + table + "\") (or INSERT OVERWRITE TABLE) instead,"
              + " which dqgate protects.");
    }
    return BoxedUnit.UNIT;
  }
}
