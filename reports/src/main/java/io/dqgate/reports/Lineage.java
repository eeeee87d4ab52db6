package io.dqgate.reports;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.StageSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage a report shows, derived from the run: for each gated dataset, its inputs (each resolved
 * to an earlier gated dataset when it names one) and the Spark stages that produced it.
 */
final class Lineage {

  /** One dataset's place in the pipeline. */
  record Entry(int index, DatasetResult dataset, List<Input> inputs, List<Integer> stageIds) {}

  /** An input as written, and the index of the gated dataset it names, or -1 for an external source. */
  record Input(String name, int datasetIndex) {
    boolean external() {
      return datasetIndex < 0;
    }
  }

  private Lineage() {}

  static List<Entry> of(GateRun run) {
    List<DatasetResult> datasets = run.datasets();
    List<Entry> entries = new ArrayList<>(datasets.size());
    for (int i = 0; i < datasets.size(); i++) {
      DatasetResult d = datasets.get(i);
      List<Input> inputs = new ArrayList<>();
      for (String input : d.inputs()) {
        inputs.add(new Input(input, resolve(datasets, input, i)));
      }
      String ref = d.ref() == null ? null : d.ref().toString();
      List<Integer> stageIds = new ArrayList<>();
      for (StageSummary s : run.stages()) {
        if (ref != null && ref.equals(s.dataset()) && !stageIds.contains(s.stageId())) {
          stageIds.add(s.stageId());
        }
      }
      entries.add(new Entry(i, d, List.copyOf(inputs), List.copyOf(stageIds)));
    }
    return entries;
  }

  /** The gated dataset an input names (by ref, ref name or block name), never the dataset itself. */
  private static int resolve(List<DatasetResult> datasets, String input, int self) {
    if (input == null) {
      return -1;
    }
    Map<Integer, Integer> rank = new LinkedHashMap<>();
    for (int j = 0; j < datasets.size(); j++) {
      if (j == self) {
        continue;
      }
      DatasetResult d = datasets.get(j);
      if (d.ref() != null && input.equals(d.ref().toString())) {
        rank.putIfAbsent(0, j);
      } else if (d.ref() != null && input.equals(d.ref().name())) {
        rank.putIfAbsent(1, j);
      } else if (input.equals(d.name())) {
        rank.putIfAbsent(2, j);
      }
    }
    for (int r = 0; r < 3; r++) {
      if (rank.containsKey(r)) {
        return rank.get(r);
      }
    }
    return -1;
  }
}
