package io.dqgate.core.result;

import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gate's verdict on one dataset at one point of the job.
 *
 * @param id the dataset's identity: every name it has (path, table, view, stage) and its rule
 *     block's name
 * @param action what produced it: {@code write(overwrite)}, {@code insertInto}, {@code view},
 *     {@code check}
 * @param rowCount rows seen, or null if not computed
 * @param columns per-column metrics
 * @param outcomes one per rule, in rule-file order
 * @param inputs the datasets it was computed from (lineage): the nearest gated datasets or external
 *     sources
 * @param sparkJobs the Spark jobs the checks added beyond the user's own (0 when riding along)
 * @param published false when the gate stopped the write (nothing at the destination changed)
 * @param checkedAt when the verdict was reached
 * @param metrics the metrics computed for it that later datasets read (cross-stage rules), by
 *     {@link io.dqgate.rules.check.MetricKey#label} name: numbers, and key filters as byte[]; not
 *     part of the reports, so a result read back from one has none
 */
public record DatasetResult(
    DatasetId id,
    String action,
    Long rowCount,
    List<ColumnProfile> columns,
    List<Outcome> outcomes,
    List<DatasetId> inputs,
    int sparkJobs,
    boolean published,
    Instant checkedAt,
    Map<String, Object> metrics) {

  public DatasetResult {
    columns = List.copyOf(columns);
    outcomes = List.copyOf(outcomes);
    inputs = List.copyOf(inputs);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /**
   * A result for rules the gate could not compute on any data (a write kind it cannot check, a
   * block that matched nothing): no rows, no columns, no inputs, no jobs, checked now.
   */
  public static DatasetResult unchecked(DatasetId id, String action, List<Outcome> outcomes) {
    return new DatasetResult(
        id, action, null, List.of(), outcomes, List.of(), 0, true, Instant.now(), Map.of());
  }

  /** The primary name (what lineage events call it), or null. */
  public DatasetRef ref() {
    return id == null ? null : id.primary();
  }

  /** The rule block's name, or the primary name when no block matched; null without an identity. */
  public String name() {
    return id == null ? null : id.title();
  }

  /** The worst outcome, PASS when there is none. */
  public Status status() {
    return outcomes.stream().map(Outcome::status).reduce(Status.PASS, Status::worst);
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Status.FAIL).toList();
  }

  public long count(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public DatasetResult withPublished(boolean value) {
    return new DatasetResult(
        id, action, rowCount, columns, outcomes, inputs, sparkJobs, value, checkedAt, metrics);
  }

  public DatasetResult withOutcomes(List<Outcome> value) {
    return new DatasetResult(
        id, action, rowCount, columns, value, inputs, sparkJobs, published, checkedAt, metrics);
  }
}
