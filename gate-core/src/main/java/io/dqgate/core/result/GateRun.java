package io.dqgate.core.result;

import java.time.Instant;
import java.util.List;

/**
 * Everything one gated Spark application found: what reports and lineage render.
 *
 * @param runId a UUID for this run (the OpenLineage run id of the gate's events)
 * @param appName Spark application name
 * @param appId Spark application id
 * @param startedAt when the gate started
 * @param endedAt when the run ended
 * @param mode enforce, observe or off
 * @param sparkVersion Spark's version
 * @param dqgateVersion dqgate's version
 * @param ruleFiles the rule files in use
 * @param datasets results in pipeline order
 * @param stages task-metric summaries of the Spark stages
 * @param stageOutcomes diagnostics outcomes not tied to a gated dataset
 * @param warnings things a person should know that are not rule outcomes (unprotectable writes,
 *     committer settings, lineage failures)
 * @param exitCode the exit code the gate asks for (0 when nothing failed)
 */
public record GateRun(
    String runId,
    String appName,
    String appId,
    Instant startedAt,
    Instant endedAt,
    String mode,
    String sparkVersion,
    String dqgateVersion,
    List<String> ruleFiles,
    List<DatasetResult> datasets,
    List<StageSummary> stages,
    List<Outcome> stageOutcomes,
    List<String> warnings,
    int exitCode) {

  /** The schema version of this model as rendered in report.json. */
  public static final String SCHEMA_VERSION = "1.1";

  public GateRun {
    ruleFiles = List.copyOf(ruleFiles);
    datasets = List.copyOf(datasets);
    stages = List.copyOf(stages);
    stageOutcomes = List.copyOf(stageOutcomes);
    warnings = List.copyOf(warnings);
  }

  /** The worst status of every outcome. */
  public Status verdict() {
    Status worst = Status.PASS;
    for (DatasetResult d : datasets) {
      worst = Status.worst(worst, d.status());
    }
    for (Outcome o : stageOutcomes) {
      worst = Status.worst(worst, o.status());
    }
    return worst;
  }

  public long count(Status status) {
    return datasets.stream().mapToLong(d -> d.count(status)).sum()
        + stageOutcomes.stream().filter(o -> o.status() == status).count();
  }
}
