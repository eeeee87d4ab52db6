package io.dqgate.core.result;

import io.dqgate.rules.DatasetRef;
import java.time.Instant;
import java.util.List;

/**
 * The gate's verdict on one dataset at one point of the job.
 *
 * @param ref the dataset's identity (path, table, view or stage)
 * @param name the dataset block's name in the rule file (or the ref's name)
 * @param action what produced it: {@code write(overwrite)}, {@code insertInto}, {@code view}, {@code check}
 * @param rowCount rows seen, or null if not computed
 * @param columns per-column metrics
 * @param outcomes one per rule, in rule-file order
 * @param inputs the datasets it was computed from (lineage), as paths, tables or view names
 * @param sparkJobs the Spark jobs the checks added beyond the user's own (0 when riding along)
 * @param published false when the gate stopped the write (nothing at the destination changed)
 * @param checkedAt when the verdict was reached
 */
public record DatasetResult(
    DatasetRef ref,
    String name,
    String action,
    Long rowCount,
    List<ColumnProfile> columns,
    List<Outcome> outcomes,
    List<String> inputs,
    int sparkJobs,
    boolean published,
    Instant checkedAt) {

  public DatasetResult {
    columns = List.copyOf(columns);
    outcomes = List.copyOf(outcomes);
    inputs = List.copyOf(inputs);
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
    return new DatasetResult(ref, name, action, rowCount, columns, outcomes, inputs, sparkJobs, value, checkedAt);
  }

  public DatasetResult withOutcomes(List<Outcome> value) {
    return new DatasetResult(ref, name, action, rowCount, columns, value, inputs, sparkJobs, published, checkedAt);
  }
}
