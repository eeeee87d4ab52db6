package io.dqgate.reports;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.StageSummary;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The gated dataset an input names, never the dataset itself: first by full ref ({@code view x}),
   * then by ref name (a path or table name), then by block name; -1 for an external source.
   */
  private static int resolve(List<DatasetResult> datasets, String input, int self) {
    if (input == null) {
      return -1;
    }
    for (int pass = 0; pass < 3; pass++) {
      for (int j = 0; j < datasets.size(); j++) {
        DatasetResult d = datasets.get(j);
        String candidate =
            switch (pass) {
              case 0 -> d.ref() == null ? null : d.ref().toString();
              case 1 -> d.ref() == null ? null : d.ref().name();
              default -> d.name();
            };
        if (j != self && input.equals(candidate)) {
          return j;
        }
      }
    }
    return -1;
  }
}
