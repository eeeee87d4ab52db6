package io.dqgate.core.result;

import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;

/**
 * What one rule found on one dataset.
 *
 * @param ruleId the rule's stable id
 * @param check the check keyword ({@code not_null}, {@code partition_skew}, ...)
 * @param column the column the rule is about, or null
 * @param severity the rule's severity
 * @param status PASS / WARN / FAIL / ERROR (INFO for advisory diagnostics)
 * @param observed the measured value the threshold is compared with (offending rows, row count,
 *     pass fraction, skew ratio...), or null when it could not be computed
 * @param total the number of rows the observation is out of, or null
 * @param threshold the threshold as a person reads it ({@code ≤ 0.1%}, {@code [1000, +∞)})
 * @param explanation one sentence a person can act on, ending with the rule's file:line
 * @param source where the rule was written
 * @param rule the rule printed as written
 * @param extraPass true when the metric needed a pass of its own (exact duplicates, exact IQR
 *     count)
 */
public record Outcome(
    String ruleId,
    String check,
    String column,
    Severity severity,
    Status status,
    Double observed,
    Long total,
    String threshold,
    String explanation,
    SourceLocation source,
    String rule,
    boolean extraPass) {

  public boolean breached() {
    return status == Status.FAIL || status == Status.WARN;
  }
}
