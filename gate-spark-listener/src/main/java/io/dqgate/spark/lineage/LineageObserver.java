package io.dqgate.spark.lineage;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.spark.config.GateConf;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.RunObserver;
import io.openlineage.client.transports.Transport;
import io.openlineage.client.transports.TransportFactory;
import io.openlineage.client.utils.DatasetIdentifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Emits the gate's OpenLineage events (see {@link LineageEvents}) through the transport the job
 * configured with {@code spark.openlineage.transport.*}. Lineage is fail-open: a configuration it
 * cannot read, an event it cannot build or send, never touches the job or its exit code; it becomes
 * one log line and, at the end, one warning in the report with the number of events lost.
 */
public final class LineageObserver implements RunObserver {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private final SparkSession spark;
  private volatile LineageConfig lineage;
  private volatile LineageEvents events;
  private volatile LineageSender sender;
  private volatile UUID runId;

  /**
   * The OpenLineage identity of each dataset named so far (the run's results are these same
   * objects).
   */
  private final Map<DatasetResult, DatasetIdentifier> identities =
      Collections.synchronizedMap(new IdentityHashMap<>());

  public LineageObserver(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public void onStart(GateRuntime runtime) {
    try {
      start(runtime);
    } catch (RuntimeException | LinkageError e) {
      sender = null;
      runtime.warn("OpenLineage: dqgate sends no lineage events because " + e.getMessage());
      LOG.debug("dqgate: lineage setup failed", e);
    }
  }

  private void start(GateRuntime runtime) {
    if (!runtime.conf().get(GateConf.LINEAGE_ENABLED)) {
      LOG.info("dqgate: OpenLineage events are off (spark.dqgate.lineage.enabled=false)");
      return;
    }
    var sc = spark.sparkContext();
    Map<String, String> conf = new java.util.LinkedHashMap<>();
    for (Tuple2<String, String> e : sc.getConf().getAllWithPrefix(LineageConfig.PREFIX)) {
      conf.put(LineageConfig.PREFIX + e._1(), e._2());
    }
    LineageConfig parsed =
        LineageConfig.parse(conf, sc.appName(), sc.applicationId(), sc.startTime());
    if (!parsed.enabled()) {
      LOG.info(
          "dqgate: no spark.openlineage.transport.* configured, so no OpenLineage events are sent"
              + " (docs/lineage.md)");
      return;
    }
    Transport transport = new TransportFactory(parsed.config().getTransportConfig()).build();
    GateRun now = runtime.snapshot();
    lineage = parsed;
    events = new LineageEvents(parsed, now.dqgateVersion());
    runId = UUID.fromString(now.runId());
    sender = new LineageSender(transport);
    LOG.info(
        "dqgate: OpenLineage events go to the {} transport as job {}/{}{} (run {}, parent run {})",
        parsed
            .config()
            .getTransportConfig()
            .getClass()
            .getSimpleName()
            .replace("Config", "")
            .toLowerCase(java.util.Locale.ROOT),
        parsed.namespace(),
        parsed.applicationJobName(),
        LineageEvents.GATE_JOB_SUFFIX,
        runId,
        parsed.applicationRunId());
    sender.send(
        () -> events.start(runId, now.startedAt(), now.sparkVersion(), now.dqgateVersion()));
  }

  @Override
  public void onDataset(GateRuntime runtime, DatasetResult result) {
    LineageSender s = sender;
    if (s == null) {
      return;
    }
    // On the deciding thread only what is in memory (the write's own command); naming, building and
    // sending happen on the sender's thread.
    LineageDatasets.Location location = null;
    try {
      location = LineageDatasets.capture(spark, result.ref());
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("dqgate: cannot read the location of {} from its execution", result.ref(), e);
    }
    LineageDatasets.Location captured = location;
    s.send(
        () -> {
          DatasetIdentifier id;
          try {
            id = LineageDatasets.identify(spark, lineage, result.ref(), captured);
          } catch (Exception e) {
            throw new IllegalStateException(
                "cannot name " + result.ref() + " for OpenLineage: " + e, e);
          }
          identities.put(result, id);
          return events.dataset(runId, result, id, runtime.snapshot().stages());
        });
  }

  @Override
  public void onFinish(GateRuntime runtime, GateRun run) {
    LineageSender s = sender;
    if (s == null) {
      return;
    }
    s.send(() -> events.finish(runId, run, identities::get));
    s.close(runtime.conf().get(GateConf.LINEAGE_FLUSH_TIMEOUT));
    if (s.failures() > 0) {
      runtime.warn(
          "OpenLineage: "
              + s.failures()
              + " of "
              + (s.failures() + s.sent())
              + " events could not be"
              + " sent: "
              + s.firstError()
              + " (the job is not affected)");
    } else {
      LOG.info("dqgate: {} OpenLineage events sent", s.sent());
    }
  }
}
