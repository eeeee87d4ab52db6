package io.dqgate.spark.runtime;

import io.dqgate.core.CheckPlan;
import io.dqgate.rules.DatasetId;
import java.util.List;

/**
 * A file write whose query carries the gate's metrics, waiting for its commit.
 *
 * @param metricsName the CollectMetrics name (unique per write)
 * @param id the dataset written: its table (when there is one), path and the temp view written, and
 *     the names of the dataset blocks that matched
 * @param outputPath the output path without scheme, as the commit protocol sees it
 * @param plan the compiled checks
 * @param action how it was written, for reports
 * @param inputs the gated datasets and sources the query reads (lineage)
 */
public record PendingWrite(
    String metricsName,
    DatasetId id,
    String outputPath,
    CheckPlan plan,
    String action,
    List<DatasetId> inputs) {}
