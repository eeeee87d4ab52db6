package io.dqgate.spark.runtime;

import io.dqgate.spark.config.GateConfigurationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gate code so that the gate's own failures never break a healthy job (fail-open), unless the
 * user asked for fail-closed. A rejection ({@link io.dqgate.core.GateRejectedException}) and a
 * configuration error are verdicts, not failures: they always propagate.
 */
public final class Guard {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  /**
   * For code that runs with no gate started (e.g. the commit protocol set by hand): log and go on.
   */
  public static final Guard FAIL_OPEN = new Guard(null, false, FaultInjector.NONE);

  private final RunLedger ledger;
  private final boolean failClosed;
  private final FaultInjector faults;

  /**
   * {@code ledger} records each internal error (null: none to record); {@code faults} is the test
   * seam ({@link FaultInjector#NONE} in production).
   */
  Guard(RunLedger ledger, boolean failClosed, FaultInjector faults) {
    this.ledger = ledger;
    this.failClosed = failClosed;
    this.faults = faults;
  }

  public <T> T run(String where, T fallback, Supplier<T> body) {
    try {
      faults.before(where);
      return body.get();
    } catch (io.dqgate.core.GateRejectedException | GateConfigurationException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      String message = "dqgate internal error in " + where + ": " + e;
      if (ledger != null) {
        ledger.internalError(message);
        if (failClosed) {
          throw new IllegalStateException(
              message + " (spark.dqgate.onInternalError=fail-closed)", e);
        }
      }
      LOG.warn(
          "{}; the job continues unchecked here (spark.dqgate.onInternalError=fail-open)",
          message,
          e);
      return fallback;
    }
  }

  public void run(String where, Runnable body) {
    run(
        where,
        null,
        () -> {
          body.run();
          return null;
        });
  }
}
