package io.dqgate.spark.runtime;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which dataset each write and SQL execution wrote, so stage diagnostics judge its stages by its
 * rules and lineage knows which temp views are gated datasets.
 */
public final class ExecutionDatasets {
  private final Map<Long, DatasetId> executionDatasets = new ConcurrentHashMap<>();
  private final Map<String, DatasetId> writeIds = new ConcurrentHashMap<>();

  /**
   * What each file write writes (by output path), noted at analysis, where views and caches are
   * still visible.
   */
  private final Map<String, Plans.Written> written = new ConcurrentHashMap<>();

  /**
   * Lower-case names of temp views a gated write wrote: lineage stops at them, they are gated
   * datasets.
   */
  private final Set<String> gatedViews = ConcurrentHashMap.newKeySet();

  ExecutionDatasets() {}

  /** Remembers which dataset a SQL execution wrote, so stage metrics can be attributed to it. */
  public void bindExecution(long executionId, DatasetId id) {
    executionDatasets.put(executionId, id);
  }

  /** The dataset a SQL execution wrote, or null. */
  public DatasetId datasetOfExecution(long executionId) {
    return executionDatasets.get(executionId);
  }

  /**
   * A write to {@code pathKey} matched rules; {@code id} holds its names (table, path, then the
   * view written).
   */
  public void expectWrite(String pathKey, DatasetId id) {
    writeIds.put(pathKey, id);
    id.refs().stream()
        .filter(r -> r.kind() == DatasetRef.Kind.VIEW)
        .forEach(r -> gatedViews.add(r.name().toLowerCase(Locale.ROOT)));
  }

  /** Notes, at analysis, what a write to {@code pathKey} writes. */
  public void noteWritten(String pathKey, Plans.Written what) {
    written.put(pathKey, what);
  }

  /** What the current write to {@code pathKey} writes, as noted at its analysis, or null. */
  public Plans.Written written(String pathKey) {
    return written.get(pathKey);
  }

  /** True when a gated write wrote temp view {@code name}. */
  boolean wroteView(String name) {
    return gatedViews.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Called when a write to {@code pathKey} commits in SQL execution {@code executionId}: binds the
   * execution to the dataset's identity (every name, so diagnostics rules matched by path find a
   * table write too).
   */
  public void bindWrite(long executionId, String pathKey) {
    DatasetId id = writeIds.get(pathKey);
    if (id != null) {
      executionDatasets.put(executionId, id);
    }
  }
}
