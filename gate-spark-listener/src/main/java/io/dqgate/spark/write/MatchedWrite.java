package io.dqgate.spark.write;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.DatasetRules;
import io.dqgate.rules.check.Check;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * A write some rule blocks match: its identity (the names rules matched — table, path — then the
 * temp view it writes, when it is one) and the checks of every matching block, in file order. The
 * one matching step of in-write and pre-write gating.
 *
 * @param path the destination as the commit finds it again ({@link WriteTarget#destinationKey})
 * @param written what the write's query writes, noted while temp views were visible; may be null
 */
record MatchedWrite(DatasetId id, List<Check> checks, String path, Plans.Written written) {

  /** The blocks matching {@code write}, or null when none does (the write costs nothing). */
  static MatchedWrite of(GateRuntime runtime, WriteTarget target, LogicalPlan write) {
    List<DatasetRef> refs = target.identities(write);
    Set<DatasetRules> blocks = new LinkedHashSet<>();
    for (DatasetRef ref : refs) {
      blocks.addAll(runtime.rules().matching(ref));
    }
    if (blocks.isEmpty()) {
      return null;
    }
    String path = target.destinationKey(write);
    Plans.Written written = runtime.executions().written(path);
    List<DatasetRef> names = new ArrayList<>(refs);
    if (written != null && written.view() != null) {
      names.add(DatasetRef.view(written.view()));
    }
    DatasetId id =
        new DatasetId(
            blocks.stream().map(DatasetRules::name).distinct().collect(Collectors.joining(", ")),
            names);
    List<Check> checks = new ArrayList<>();
    for (DatasetRules block : blocks) {
      checks.addAll(block.checks());
    }
    return new MatchedWrite(id, checks, path, written);
  }
}
