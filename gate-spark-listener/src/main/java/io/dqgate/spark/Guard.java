package io.dqgate.spark;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gate code so that the gate's own failures never break a healthy job (fail-open), unless the
 * user asked for fail-closed. A rejection ({@link io.dqgate.core.GateRejectedException}) and a
 * configuration error are verdicts, not failures: they always propagate.
 */
final class Guard {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private Guard() {}

  static <T> T run(String where, T fallback, Supplier<T> body) {
    try {
      return body.get();
    } catch (io.dqgate.core.GateRejectedException | GateConfigurationException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      GateRuntime runtime = GateRuntime.current();
      String message = "dqgate internal error in " + where + ": " + e;
      if (runtime != null) {
        runtime.internalError(message);
        if (runtime.failClosed()) {
          throw new IllegalStateException(message + " (spark.dqgate.onInternalError=fail-closed)", e);
        }
      }
      LOG.warn("{}; the job continues unchecked here (spark.dqgate.onInternalError=fail-open)", message, e);
      return fallback;
    }
  }

  static void run(String where, Runnable body) {
    run(where, null, () -> {
      body.run();
      return null;
    });
  }
}
