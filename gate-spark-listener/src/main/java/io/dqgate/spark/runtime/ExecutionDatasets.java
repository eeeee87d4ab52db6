package io.dqgate.spark.runtime;

import io.dqgate.rules.DatasetRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which dataset each SQL execution wrote, so stage diagnostics can judge its stages by its rules. */
public final class ExecutionDatasets {
  private final Map<Long, DatasetRef> executionDatasets = new ConcurrentHashMap<>();
  private final Map<String, List<DatasetRef>> writeRefs = new ConcurrentHashMap<>();
  private final Map<Long, List<DatasetRef>> executionRefs = new ConcurrentHashMap<>();

  ExecutionDatasets() {}

  /** Remembers which dataset a SQL execution wrote, so stage metrics can be attributed to it. */
  public void bindExecution(long executionId, DatasetRef ref) {
    executionDatasets.put(executionId, ref);
  }

  /** The dataset a SQL execution wrote, or null. */
  public DatasetRef datasetOfExecution(long executionId) {
    return executionDatasets.get(executionId);
  }

  /** A write to {@code pathKey} matched rules; {@code refs} are its names (table first, then path). */
  public void expectWrite(String pathKey, List<DatasetRef> refs) {
    writeRefs.put(pathKey, List.copyOf(refs));
  }

  /**
   * Called when a write to {@code pathKey} commits in SQL execution {@code executionId}: binds the execution
   * to every name of the dataset when rules matched it, so stage diagnostics find rules matched by path
   * for a table write too.
   */
  public void bindWrite(long executionId, String pathKey) {
    List<DatasetRef> refs = writeRefs.get(pathKey);
    if (refs != null) {
      executionRefs.put(executionId, refs);
      executionDatasets.putIfAbsent(executionId, refs.get(0));
    }
  }

  /** Every name of the dataset a SQL execution wrote (its diagnostics rules may match any), or none. */
  public List<DatasetRef> refsOfExecution(long executionId) {
    List<DatasetRef> refs = executionRefs.get(executionId);
    if (refs != null) {
      return refs;
    }
    DatasetRef ref = executionDatasets.get(executionId);
    return ref == null ? List.of() : List.of(ref);
  }
}
