package io.dqgate.spark.runtime;

import io.dqgate.rules.DatasetRef;
import java.util.List;

/**
 * One top-level write the gate saw (on the caller's thread, not nested in another command).
 *
 * @param kind the plan node's name, e.g. {@code InsertIntoHiveTable}, {@code AppendData}
 * @param identities the destination's names (table, path), possibly empty when unknown
 * @param checked true when an adapter checks it in the write's own pass
 * @param how how the gate checks it, or why it cannot ("cannot check: …")
 */
public record SeenWrite(String kind, List<DatasetRef> identities, boolean checked, String how) {
  public SeenWrite {
    identities = List.copyOf(identities);
  }

  /** {@code AppendData → table ice.db.t, path /x}, for warnings. */
  public String describe() {
    return kind
        + (identities.isEmpty()
            ? " (destination unknown)"
            : " → " + String.join(", ", identities.stream().map(DatasetRef::toString).toList()));
  }
}
