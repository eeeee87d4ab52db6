package io.dqgate.reports;

import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How a status shows in report.html: its label, its CSS class, and the worst-first order. */
final class StatusStyle {
  private StatusStyle() {}

  /**
   * The CSS class of a status ({@code fail}, {@code pass}, ...); a missing status shows as an
   * error.
   */
  static String cssClass(Status s) {
    return s == null ? "error" : s.name().toLowerCase(Locale.ROOT);
  }

  static String label(Status s) {
    return s == null ? "ERROR" : s.name();
  }

  /**
   * FAIL first, then ERROR, WARN, PASS, INFO; a missing status counts as ERROR; stable otherwise.
   */
  static List<Outcome> worstFirst(List<Outcome> outcomes) {
    return outcomes.stream()
        .sorted(
            Comparator.comparingInt(
                    (Outcome o) ->
                        o.status() == null ? Status.ERROR.ordinal() : o.status().ordinal())
                .reversed())
        .toList();
  }
}
