package io.dqgate.spark.config;

/**
 * The gate cannot start because of its configuration or rule files; the message says what to fix.
 */
public final class GateConfigurationException extends RuntimeException {
  public GateConfigurationException(String message) {
    super(message, null, false, false);
  }
}
