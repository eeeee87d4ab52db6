package io.dqgate.spark.runtime;

import io.dqgate.core.RuleSources;
import io.dqgate.rules.RuleFileException;
import io.dqgate.rules.RuleSet;
import io.dqgate.spark.config.GateConf;
import io.dqgate.spark.config.GateConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runtime of this Spark application. Everything the extension builds gets the runtime
 * injected; this lookup exists only for what Spark instantiates by class name (the commit
 * protocol).
 */
public final class GateRuntimes {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");
  private static volatile GateRuntime current;

  private GateRuntimes() {}

  /** The running gate, or null when the gate is not attached or is disabled. */
  public static ActiveGate current() {
    return current;
  }

  /**
   * The runtime of {@code spark}'s application, started on first call ({@code onCreated} then wires
   * its observers); null when the gate is off. Configuration errors are thrown with their fix.
   */
  public static synchronized GateRuntime start(
      SparkSession spark, Consumer<GateRuntime> onCreated) {
    GateRuntime running = current;
    if (running != null && running.sparkContext() == spark.sparkContext()) {
      return running;
    }
    try {
      return startChecked(spark, onCreated);
    } catch (GateConfigurationException e) {
      RunEnd.exitAfterConfigurationError(spark.sparkContext());
      throw e;
    }
  }

  private static GateRuntime startChecked(SparkSession spark, Consumer<GateRuntime> onCreated) {
    GateConf conf;
    try {
      conf = GateConf.from(spark.sparkContext().getConf());
    } catch (IllegalArgumentException e) {
      throw new GateConfigurationException(e.getMessage());
    }
    if (!conf.get(GateConf.ENABLED) || conf.get(GateConf.MODE) == GateConf.Mode.OFF) {
      LOG.info("dqgate is attached but off (spark.dqgate.enabled=false or spark.dqgate.mode=off)");
      return null;
    }
    List<String> files = conf.get(GateConf.RULES);
    if (files.isEmpty()) {
      throw new GateConfigurationException(
          "Cannot start dqgate because spark.dqgate.rules is not set: pass --conf spark.dqgate.rules=<rule"
              + " files> (or spark.dqgate.enabled=false to attach the jar without checking).");
    }
    RuleSet rules;
    try {
      rules = RuleSources.load(String.join(",", files), spark.sparkContext().hadoopConfiguration());
    } catch (RuleFileException e) {
      throw new GateConfigurationException(e.getMessage());
    }
    try {
      RejectionLogFilter.install();
    } catch (LinkageError e) {
      LOG.debug("dqgate: Spark does not log through log4j-core ({})", e.toString());
    }
    GateRuntime runtime = new GateRuntime(spark.sparkContext(), conf, rules);
    RunEnd.registerShutdownHook(runtime);
    current = runtime;
    LOG.info(
        "dqgate {}: {} rule file(s), {} dataset block(s), mode {}",
        GateRuntime.version(),
        rules.files().size(),
        rules.datasets().size(),
        runtime.mode().name().toLowerCase(Locale.ROOT));
    onCreated.accept(runtime);
    return runtime;
  }
}
