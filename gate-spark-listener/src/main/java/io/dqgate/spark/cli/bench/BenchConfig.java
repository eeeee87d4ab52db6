package io.dqgate.spark.cli.bench;

import java.util.Optional;

/**
 * The four ways the benchmark runs the sample pipeline. Gate off is the job as a user runs it
 * without dqgate: no SQL extension and no {@code spark.dqgate.*} conf (not {@code mode=off}, which
 * still loads the extension and parses the rules); the gate's jar is on {@code --jars} in every
 * configuration only because it carries {@link BenchListener}.
 */
public enum BenchConfig {
  OFF("off", Optional.empty(), false),
  OBSERVE("observe", Optional.of("observe"), false),
  ENFORCE("enforce", Optional.of("enforce"), false),
  HANDWRITTEN("handwritten", Optional.empty(), true);

  private final String label;
  private final Optional<String> gateMode;
  private final boolean handwrittenChecks;

  BenchConfig(String label, Optional<String> gateMode, boolean handwrittenChecks) {
    this.label = label;
    this.gateMode = gateMode;
    this.handwrittenChecks = handwrittenChecks;
  }

  public String label() {
    return label;
  }

  /** The gate's {@code spark.dqgate.mode}, or empty when the gate is not attached at all. */
  public Optional<String> gateMode() {
    return gateMode;
  }

  /** Whether the job runs its hand-written checks ({@code --handwritten-checks}). */
  public boolean handwrittenChecks() {
    return handwrittenChecks;
  }
}
