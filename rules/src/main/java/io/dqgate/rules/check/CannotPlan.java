package io.dqgate.rules.check;

/** Thrown while planning a rule that cannot be computed on this data; the message is the reason. */
public final class CannotPlan extends RuntimeException {
  public CannotPlan(String reason) {
    super(reason, null, false, false);
  }
}
