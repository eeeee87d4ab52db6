package io.dqgate.spark.runtime;

import io.dqgate.core.result.GateRun;
import io.dqgate.spark.config.GateConf;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * The end of a run, once: observers close what is open and see the run, then the sinks (reports)
 * get the final run; for applications launched by SparkSubmit, the process exits with the gate's
 * code.
 */
final class RunEnd {
  /** Spark runs shutdown hooks by priority, highest first; SparkContext stops at 50. */
  private static final int REPORT_HOOK_PRIORITY = 1;

  private final GateRuntime runtime;
  private final AtomicBoolean finished = new AtomicBoolean();

  RunEnd(GateRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Notifies observers and writes the reports, once; returns the run as written. A second caller
   * (the shutdown hook after the application-end event) waits until the first is done, so the
   * process never halts while reports or lineage are still being written.
   */
  GateRun finish() {
    synchronized (finished) {
      if (finished.get()) {
        return runtime.snapshot();
      }
      GateRun run = finishOnce();
      finished.set(true);
      return run;
    }
  }

  void finishInBackground() {
    Guard guard = runtime.guard();
    new Thread(null, () -> guard.run("finishing the run", this::finish), "dqgate-finish", 0, false)
        .start();
  }

  private GateRun finishOnce() {
    Guard guard = runtime.guard();
    for (RunObserver observer : runtime.observers()) {
      guard.run("ending " + observer.getClass().getSimpleName(), () -> observer.onEnding(runtime));
    }
    GateRun beforeObservers = runtime.snapshot();
    for (RunObserver observer : runtime.observers()) {
      guard.run(
          "finishing " + observer.getClass().getSimpleName(),
          () -> observer.onFinish(runtime, beforeObservers));
    }
    GateRun run = runtime.snapshot();
    for (RunSink sink : runtime.sinks()) {
      guard.run("writing the run to " + sink.getClass().getSimpleName(), () -> sink.write(run));
    }
    return run;
  }

  /**
   * Only applications launched by spark-submit get the gate's exit code: an in-process session (a
   * notebook, a test) must never be halted by a library.
   */
  private static boolean launchedBySubmit(SparkContext sc) {
    return sc.getConf().contains("spark.submit.deployMode");
  }

  private static final AtomicBoolean CONFIGURATION_EXIT = new AtomicBoolean();

  /**
   * The gate could not start (its configuration or rule files are wrong): an application launched
   * by spark-submit exits {@link GateConf#EXIT_CONFIGURATION} at its end, also when it caught the
   * exception or is a shell (spark-shell keeps prompting and would otherwise exit 0).
   */
  static void exitAfterConfigurationError(SparkContext sc) {
    if (!launchedBySubmit(sc) || CONFIGURATION_EXIT.getAndSet(true)) {
      return;
    }
    ShutdownHookManager.addShutdownHook(
        REPORT_HOOK_PRIORITY,
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            System.err.println(
                "dqgate: exiting with code "
                    + GateConf.EXIT_CONFIGURATION
                    + " (dqgate could not start because of its configuration; see the error above)");
            System.err.flush();
            Runtime.getRuntime().halt(GateConf.EXIT_CONFIGURATION);
            return BoxedUnit.UNIT;
          }
        });
  }

  static void registerShutdownHook(GateRuntime runtime) {
    boolean launchedBySubmit = launchedBySubmit(runtime.sparkContext());
    ShutdownHookManager.addShutdownHook(
        REPORT_HOOK_PRIORITY,
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            GateRun run = runtime.finish();
            if (launchedBySubmit && run.exitCode() != 0) {
              System.err.println(
                  "dqgate: exiting with code "
                      + run.exitCode()
                      + " ("
                      + (run.exitCode() == GateConf.EXIT_BREACH
                          ? "a fail rule was breached"
                          : "internal error, fail-closed")
                      + "); reports in "
                      + Path.of(runtime.conf().get(GateConf.REPORT_DIR)).toAbsolutePath());
              System.err.flush();
              Runtime.getRuntime().halt(run.exitCode());
            }
            return BoxedUnit.UNIT;
          }
        });
  }
}
