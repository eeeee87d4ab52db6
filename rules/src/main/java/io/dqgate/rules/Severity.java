package io.dqgate.rules;

import java.util.Locale;

/** What a breached rule does: {@code warn} records it, {@code fail} rejects the dataset. */
public enum Severity {
  WARN,
  FAIL;

  /** The spelling used in rule files. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
