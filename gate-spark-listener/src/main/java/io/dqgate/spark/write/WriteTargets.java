package io.dqgate.spark.write;

import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Every kind of write the gate checks. A new sink is one {@link WriteTarget} class plus one entry
 * here.
 */
final class WriteTargets {
  static final List<WriteTarget> ALL =
      List.of(
          new FileWriteTarget(),
          new HiveWriteTarget(),
          // Checked by a pre-write pass (PrewritePass): sinks with no hook inside their own write.
          new DataSourceSaveTarget(),
          new V2TableWriteTarget(),
          new V2CreateTableTarget(),
          new DeltaCommandTarget());

  private WriteTargets() {}

  /**
   * The adapter that handles {@code node}, or null when the gate does not check this kind of write.
   */
  static WriteTarget find(LogicalPlan node) {
    for (WriteTarget target : ALL) {
      if (target.isDefinedAt(node)) {
        return target;
      }
    }
    return null;
  }
}
