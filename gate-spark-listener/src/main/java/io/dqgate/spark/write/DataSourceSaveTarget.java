package io.dqgate.spark.write;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.SaveIntoDataSourceCommand;

/**
 * Writes through a V1 {@code CreatableRelationProvider} ({@code SaveIntoDataSourceCommand}): Delta
 * path writes in every mode (append, overwrite, {@code replaceWhere}, dynamic partition overwrite),
 * JDBC, and any other such source. The source writes and commits inside one call with no hook the
 * gate can use (Delta commits its log itself, JDBC inserts straight into the database), so the rows
 * are checked by a pre-write pass.
 */
final class DataSourceSaveTarget extends PrewriteTarget {
  private static final String JDBC =
      "org.apache.spark.sql.execution.datasources.jdbc.JdbcRelationProvider";

  @Override
  public boolean isDefinedAt(LogicalPlan node) {
    return node instanceof SaveIntoDataSourceCommand;
  }

  private static SaveIntoDataSourceCommand cast(LogicalPlan write) {
    return (SaveIntoDataSourceCommand) write;
  }

  /** The table ({@code dbtable} or {@code table} option) when there is one, then the path. */
  @Override
  public List<DatasetRef> identities(LogicalPlan node) {
    var options = cast(node).options();
    List<DatasetRef> refs = new ArrayList<>();
    for (String key : List.of("dbtable", "table")) {
      if (options.contains(key)) {
        refs.add(DatasetRef.table(options.apply(key)));
        break;
      }
    }
    if (options.contains("path")) {
      refs.add(DatasetRef.path(Plans.pathKey(options.apply("path"))));
    }
    return refs;
  }

  @Override
  public LogicalPlan query(LogicalPlan write) {
    return cast(write).query();
  }

  @Override
  public String action(LogicalPlan node) {
    SaveIntoDataSourceCommand write = cast(node);
    var options = write.options();
    StringBuilder action =
        new StringBuilder("write ")
            .append(write.mode().name().toLowerCase(Locale.ROOT))
            .append(' ')
            .append(source(write));
    if (options.contains("replaceWhere")) {
      action.append(" replaceWhere ").append(options.apply("replaceWhere"));
    }
    if (options.contains("partitionOverwriteMode")
        && options.apply("partitionOverwriteMode").equalsIgnoreCase("dynamic")) {
      action.append(" (dynamic partitions)");
    }
    return action.append(" (pre-write pass)").toString();
  }

  /** {@code delta}, {@code jdbc}, or the provider's class name. */
  private static String source(SaveIntoDataSourceCommand write) {
    String provider = write.dataSource().getClass().getName();
    if (provider.startsWith("org.apache.spark.sql.delta.")) {
      return "delta";
    }
    return provider.equals(JDBC) ? "jdbc" : provider;
  }
}
