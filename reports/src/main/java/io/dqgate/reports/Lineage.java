package io.dqgate.reports;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.StageSummary;
import io.dqgate.rules.DatasetId;
import java.util.ArrayList;
import java.util.List;

/**
 * The lineage a report shows, derived from the run: for each gated dataset, its inputs (each
 * resolved to a gated dataset when they share a name) and the Spark stages that produced it.
 *
 * <p>Two results whose identities share a name are one dataset seen twice (a temp view checked when
 * created, then written to a path): both stay in the report's dataset list, and the graph draws
 * them as one node, the earlier one ({@link Entry#node()}).
 */
final class Lineage {

  /**
   * One dataset's place in the pipeline.
   *
   * @param node the index of the graph node it is drawn as: its own, or an earlier result of the
   *     same dataset
   */
  record Entry(
      int index, int node, DatasetResult dataset, List<Input> inputs, List<Integer> stageIds) {}

  /** An input, and the index of the gated dataset it is, or -1 for an external source. */
  record Input(DatasetId id, int datasetIndex) {
    boolean external() {
      return datasetIndex < 0;
    }

    /** How the report prints it. */
    String name() {
      return id == null ? null : id.label();
    }
  }

  private Lineage() {}

  static List<Entry> of(GateRun run) {
    List<DatasetResult> datasets = run.datasets();
    List<Entry> entries = new ArrayList<>(datasets.size());
    for (int i = 0; i < datasets.size(); i++) {
      DatasetResult d = datasets.get(i);
      List<Input> inputs = new ArrayList<>();
      for (DatasetId input : d.inputs()) {
        inputs.add(new Input(input, resolve(datasets, input, i)));
      }
      List<Integer> stageIds = new ArrayList<>();
      for (StageSummary s : run.stages()) {
        if (d.id() != null && d.id().overlaps(s.dataset()) && !stageIds.contains(s.stageId())) {
          stageIds.add(s.stageId());
        }
      }
      entries.add(new Entry(i, node(datasets, i), d, List.copyOf(inputs), List.copyOf(stageIds)));
    }
    return entries;
  }

  /**
   * The gated dataset an input is (they share a name), never the dataset itself: the nearest
   * earlier one, else the first later one; -1 for an external source.
   */
  static int resolve(List<DatasetResult> datasets, DatasetId input, int self) {
    for (int j = Math.min(self, datasets.size()) - 1; j >= 0; j--) {
      if (input.overlaps(datasets.get(j).id())) {
        return j;
      }
    }
    for (int j = self + 1; j < datasets.size(); j++) {
      if (input.overlaps(datasets.get(j).id())) {
        return j;
      }
    }
    return -1;
  }

  /** The first result of the same dataset as result {@code i} (itself when it is the first). */
  static int node(List<DatasetResult> datasets, int i) {
    DatasetId id = datasets.get(i).id();
    for (int j = 0; j < i; j++) {
      if (id != null && id.overlaps(datasets.get(j).id())) {
        return node(datasets, j);
      }
    }
    return i;
  }
}
