package io.dqgate.spark.runtime;

import io.dqgate.core.CheckPlan;
import io.dqgate.rules.DatasetRef;
import java.util.List;

/**
 * A file write whose query carries the gate's metrics, waiting for its commit.
 *
 * @param metricsName the CollectMetrics name (unique per write)
 * @param ref the dataset written (table when there is one, else path)
 * @param outputPath the output path without scheme, as the commit protocol sees it
 * @param name the names of the dataset blocks that matched
 * @param plan the compiled checks
 * @param action how it was written, for reports
 * @param inputs the datasets read by the query (lineage)
 */
public record PendingWrite(
    String metricsName,
    DatasetRef ref,
    String outputPath,
    String name,
    CheckPlan plan,
    String action,
    List<String> inputs) {}
