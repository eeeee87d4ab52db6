package io.dqgate.spark.write;

import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.RunLedger;
import org.apache.spark.sql.SparkSession;

/**
 * Routes a session's file writes through {@link GateCommitProtocol} unless the user chose another
 * protocol, and lets {@link SaveAsTableGuard} follow the catalog's table drops.
 */
public final class WriteSessionSetup {
  private static final String COMMIT_PROTOCOL_KEY = "spark.sql.sources.commitProtocolClass";
  private static final String DEFAULT_COMMIT_PROTOCOL =
      "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol";

  private WriteSessionSetup() {}

  /**
   * Sets the gate's commit protocol on {@code spark}; what stops the gate from protecting writes is
   * warned about.
   */
  public static void configure(SparkSession spark, GateRuntime runtime) {
    SaveAsTableGuard.install(spark, runtime);
    RunLedger ledger = runtime.ledger();
    String protocol = spark.conf().get(COMMIT_PROTOCOL_KEY, DEFAULT_COMMIT_PROTOCOL);
    if (protocol.equals(DEFAULT_COMMIT_PROTOCOL)) {
      spark.conf().set(COMMIT_PROTOCOL_KEY, GateCommitProtocol.class.getName());
    } else if (!protocol.equals(GateCommitProtocol.class.getName())) {
      ledger.warn(
          COMMIT_PROTOCOL_KEY
              + " is "
              + protocol
              + ", so dqgate cannot hold back rejected file writes: they"
              + " are checked and reported but published even in enforce mode. Unset it to let dqgate protect them.");
    }
    String algorithm =
        spark
            .sparkContext()
            .hadoopConfiguration()
            .get("mapreduce.fileoutputcommitter.algorithm.version", "1");
    if (!"1".equals(algorithm.trim())) {
      ledger.warn(
          "mapreduce.fileoutputcommitter.algorithm.version is "
              + algorithm
              + ": tasks publish their files"
              + " before the job commits, so a rejected write may leave partial output. Use version 1 with dqgate.");
    }
  }
}
