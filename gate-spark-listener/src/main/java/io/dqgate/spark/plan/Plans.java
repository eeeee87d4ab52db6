package io.dqgate.spark.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.collection.JavaConverters;

/** Small helpers over Catalyst plans, kept in one place because they touch Spark internals. */
public final class Plans {
  private Plans() {}

  public static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(list)).toSeq();
  }

  public static <T> List<T> list(scala.collection.Seq<T> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }

  /** {@code hdfs://nn/a/b/} → {@code /a/b}: how writes and protocols are matched. */
  public static String pathKey(String path) {
    String p = new Path(path).toUri().getPath();
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** The datasets a query reads: files, tables and temp views, in plan order (lineage for reports). */
  public static List<String> inputs(LogicalPlan plan) {
    Set<String> inputs = new LinkedHashSet<>();
    collect(plan, inputs);
    return List.copyOf(inputs);
  }

  private static void collect(LogicalPlan plan, Set<String> inputs) {
    if (plan instanceof View view && view.isTempView()) {
      inputs.add("view " + view.desc().identifier().table());
      return;
    }
    if (plan instanceof SubqueryAlias alias && alias.child() instanceof View view && view.isTempView()) {
      inputs.add("view " + alias.identifier().name());
      return;
    }
    if (plan instanceof LogicalRelation relation) {
      if (relation.catalogTable().isDefined()) {
        inputs.add("table " + relation.catalogTable().get().identifier().unquotedString());
      } else if (relation.relation() instanceof HadoopFsRelation fs) {
        for (Path p : list(fs.location().rootPaths())) {
          inputs.add("path " + pathKey(p.toString()));
        }
      }
      return;
    }
    if (plan instanceof HiveTableRelation hive) {
      inputs.add("table " + hive.tableMeta().identifier().unquotedString());
      return;
    }
    for (LogicalPlan child : list(plan.children())) {
      collect(child, inputs);
    }
  }
}
