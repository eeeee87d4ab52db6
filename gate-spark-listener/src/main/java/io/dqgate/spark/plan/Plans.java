package io.dqgate.spark.plan;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

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

  /**
   * {@code plan} rewritten bottom-up by {@code rule} (children first). Rules running inside the
   * analyzer cannot use {@code transformUp}, which Spark's tests forbid there.
   */
  public static LogicalPlan bottomUp(LogicalPlan plan, UnaryOperator<LogicalPlan> rule) {
    LogicalPlan node =
        plan.children().isEmpty()
            ? plan
            : plan.mapChildren(
                new AbstractFunction1<LogicalPlan, LogicalPlan>() {
                  @Override
                  public LogicalPlan apply(LogicalPlan child) {
                    return bottomUp(child, rule);
                  }
                });
    return rule.apply(node);
  }

  /**
   * The datasets a query reads, in plan order: files and tables, and temp views that are gated
   * ({@code gated} says which). An ungated temp view (unruled, maybe cached) is looked through to
   * what it reads, so lineage skips it. Needs the analyzed plan: the optimizer has removed the
   * views.
   */
  public static List<DatasetId> inputs(LogicalPlan plan, Predicate<String> gated) {
    Set<DatasetId> inputs = new LinkedHashSet<>();
    collect(plan, gated, inputs);
    return List.copyOf(inputs);
  }

  /**
   * What a write writes, from its analyzed query: the temp view it is ({@code
   * spark.table(view).write()}, possibly under a projection of its columns) with the view's
   * definition, or no view and the query.
   */
  public static Written written(LogicalPlan query) {
    LogicalPlan p = query;
    while (p instanceof Project project
        && list(project.projectList()).stream().allMatch(e -> e instanceof Attribute)) {
      p = project.child();
    }
    TempView view = tempView(p);
    return view != null ? new Written(view.name(), view.definition()) : new Written(null, query);
  }

  /**
   * What a write writes.
   *
   * @param view the temp view written, or null
   * @param source the analyzed plan its data comes from (the view's definition when it is a view)
   */
  public record Written(String view, LogicalPlan source) {}

  private record TempView(String name, LogicalPlan definition) {}

  private static TempView tempView(LogicalPlan plan) {
    if (plan instanceof View view && view.isTempView()) {
      return new TempView(view.desc().identifier().table(), view.child());
    }
    if (plan instanceof SubqueryAlias alias
        && alias.child() instanceof View view
        && view.isTempView()) {
      return new TempView(alias.identifier().name(), view.child());
    }
    return null;
  }

  private static void collect(LogicalPlan plan, Predicate<String> gated, Set<DatasetId> inputs) {
    TempView view = tempView(plan);
    if (view != null) {
      if (gated.test(view.name())) {
        inputs.add(DatasetId.of(DatasetRef.view(view.name())));
      } else {
        collect(view.definition(), gated, inputs);
      }
      return;
    }
    if (plan instanceof LogicalRelation relation) {
      if (relation.catalogTable().isDefined()) {
        inputs.add(
            DatasetId.of(
                DatasetRef.table(relation.catalogTable().get().identifier().unquotedString())));
      } else if (relation.relation() instanceof HadoopFsRelation fs) {
        for (Path p : list(fs.location().rootPaths())) {
          inputs.add(DatasetId.of(DatasetRef.path(pathKey(p.toString()))));
        }
      }
      return;
    }
    if (plan instanceof HiveTableRelation hive) {
      inputs.add(DatasetId.of(DatasetRef.table(hive.tableMeta().identifier().unquotedString())));
      return;
    }
    for (LogicalPlan child : list(plan.children())) {
      collect(child, gated, inputs);
    }
  }
}
