package io.dqgate.core.result;

import io.dqgate.rules.Severity;
import io.dqgate.rules.check.Check;

/** The one place outcomes of rules are made, so every outcome reads and is shaped alike. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * What {@code check} found.
   *
   * @param sentence what a person reads; the rule's file:line is appended
   */
  public static Outcome of(
      Check check,
      Status status,
      Double observed,
      Long total,
      String threshold,
      String sentence,
      boolean extraPass) {
    return new Outcome(
        check.id(),
        check.keyword(),
        check.column(),
        check.severity(),
        status,
        observed,
        total,
        threshold,
        sentence + " — " + check.location().fileAndLine(),
        check.location(),
        check.toString(),
        extraPass);
  }

  /**
   * A finding of the gate itself rather than of a rule (e.g. metric history that could not be
   * written), named {@code what}.
   */
  public static Outcome notice(Status status, String what, String sentence) {
    return new Outcome(
        what,
        what,
        null,
        io.dqgate.rules.Severity.WARN,
        status,
        null,
        null,
        null,
        sentence,
        io.dqgate.rules.SourceLocation.unknown(what),
        what,
        false);
  }

  /**
   * PASS, or the breach status of the check's severity (FAIL for {@code fail}, WARN for {@code
   * warn}).
   */
  public static Status breachStatus(Check check, boolean breached) {
    if (!breached) {
      return Status.PASS;
    }
    return check.severity() == Severity.FAIL ? Status.FAIL : Status.WARN;
  }

  /**
   * An ERROR outcome: {@code check} could not be computed, for {@code reason} ("cannot check
   * because …").
   */
  public static Outcome error(Check check, String reason) {
    return of(check, Status.ERROR, null, null, null, "cannot check because " + reason, false);
  }
}
