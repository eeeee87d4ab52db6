package io.dqgate.core.result;

/**
 * The outcome of one rule, ordered from best to worst so that the worst of several is their {@code
 * max}.
 */
public enum Status {
  /** Advisory finding with no rule behind it (built-in diagnostics without thresholds). */
  INFO,
  PASS,
  /** A {@code warn} rule was breached: recorded, never blocks. */
  WARN,
  /** The rule could not be computed (missing column, wrong type, internal error). */
  ERROR,
  /** A {@code fail} rule was breached: blocks the write in enforce mode. */
  FAIL;

  public static Status worst(Status a, Status b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
