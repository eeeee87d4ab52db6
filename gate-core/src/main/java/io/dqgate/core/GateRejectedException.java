package io.dqgate.core;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import java.util.List;

/**
 * A dataset breached at least one {@code fail} rule, so the gate stopped it. The message names the
 * dataset, each failing rule with observed value vs threshold, and the rule-file line.
 */
public final class GateRejectedException extends RuntimeException {
  private final transient List<DatasetResult> results;

  public GateRejectedException(DatasetResult result, String consequence) {
    this(List.of(result), consequence);
  }

  public GateRejectedException(List<DatasetResult> results, String consequence) {
    super(message(results, consequence), null, false, false);
    this.results = List.copyOf(results);
  }

  /** The results with the failing outcomes. */
  public List<DatasetResult> results() {
    return results;
  }

  private static String message(List<DatasetResult> results, String consequence) {
    StringBuilder text = new StringBuilder();
    for (DatasetResult result : results) {
      List<Outcome> failures = result.failures();
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append("dqgate rejected ")
          .append(result.ref())
          .append(
              result.name().equals(result.ref().name()) ? "" : " (rules \"" + result.name() + "\")")
          .append(": ")
          .append(failures.size())
          .append(failures.size() == 1 ? " fail rule was breached" : " fail rules were breached")
          .append("; ")
          .append(consequence)
          .append('.');
      for (Outcome o : failures) {
        text.append("\n  - ").append(o.ruleId()).append(": ").append(o.explanation());
      }
    }
    return text.toString();
  }
}
