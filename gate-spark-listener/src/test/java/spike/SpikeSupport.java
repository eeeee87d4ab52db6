package spike;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Session, job counting and destination snapshots shared by the spike tests. */
final class SpikeSupport {
  private SpikeSupport() {}

  static SparkSession.Builder builder(String app) {
    SparkSession.getActiveSession()
        .foreach(
            s -> {
              s.stop();
              return null;
            });
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return SparkSession.builder()
        .appName(app)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.sources.commitProtocolClass", SpikeCommitProtocol.class.getName());
  }

  static void stop(SparkSession spark) {
    if (spark != null) {
      spark.stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  /** Counts jobs: all, and those of the gate's own pre-write pass. */
  static final class Jobs extends SparkListener {
    final AtomicInteger all = new AtomicInteger();
    final AtomicInteger gate = new AtomicInteger();
    private final SparkSession spark;

    Jobs(SparkSession spark) {
      this.spark = spark;
      spark.sparkContext().addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      all.incrementAndGet();
      if ("true".equals(job.properties().getProperty(SpikeGate.PASS_PROPERTY))) {
        gate.incrementAndGet();
      }
    }

    void reset() {
      settle();
      all.set(0);
      gate.set(0);
    }

    void settle() {
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(e);
      }
    }

    String counts() {
      settle();
      return all.get() + " jobs (" + gate.get() + " gate)";
    }
  }

  /** Appends a finding to target/spike-findings.txt (the raw material of docs/spikes/sinks.md). */
  static void report(String test, String line) {
    String text = test + " | " + line + System.lineSeparator();
    System.out.print("SPIKE " + text);
    try {
      Files.writeString(
          Path.of("target", "spike-findings.txt"),
          text,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** relative path → size, of every file under dir (data, _delta_log, metadata, ...). */
  static Map<String, Long> files(Path dir) {
    Map<String, Long> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .forEach(
              p -> {
                try {
                  out.put(dir.relativize(p).toString(), Files.size(p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
