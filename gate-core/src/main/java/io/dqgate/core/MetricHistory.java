package io.dqgate.core;

import io.dqgate.rules.check.History;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Metric history on any Hadoop file system ({@value #KEY}): each gated dataset's numeric metrics,
 * one file per run under {@code <root>/<dataset>/<epoch-millis>-<run>-<uuid>.properties}, keyed by
 * the dataset's identity (its rule name, else its primary name) and the run's time.
 *
 * <p>Appends are atomic: a run writes {@code _tmp-<uuid>} in the dataset's directory and renames it
 * to its final name, so concurrent runs never see or corrupt each other's files; readers skip names
 * starting with {@code _} or {@code .}. After an append the oldest runs beyond {@value
 * #RETENTION_KEY} (default {@value #DEFAULT_RETENTION}) are deleted (a delete that races with
 * another run's is harmless).
 */
public final class MetricHistory {
  /** The Spark conf key naming the history's root directory. */
  public static final String KEY = "spark.dqgate.history";

  /** The Spark conf key bounding how many runs are kept per dataset. */
  public static final String RETENTION_KEY = "spark.dqgate.history.retention";

  static final int DEFAULT_RETENTION = 100;
  private static final String SUFFIX = ".properties";

  private final Path root;
  private final Configuration conf;
  private final int retention;

  public MetricHistory(String root, Configuration conf, int retention) {
    this.root = new Path(root);
    this.conf = conf;
    this.retention = retention;
  }

  /** The history configured on the active session, or null when {@value #KEY} is not set. */
  static MetricHistory ofActiveSession() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    if (session.isEmpty()) {
      return null;
    }
    SparkSession spark = session.get();
    String root = spark.conf().get(KEY, "");
    if (root.isBlank()) {
      return null;
    }
    String keep = spark.conf().get(RETENTION_KEY, String.valueOf(DEFAULT_RETENTION));
    int retention;
    try {
      retention = Integer.parseInt(keep.trim());
    } catch (NumberFormatException e) {
      retention = -1;
    }
    if (retention < 1) {
      throw new IllegalArgumentException(
          "Cannot use "
              + RETENTION_KEY
              + "="
              + keep
              + " because it is not a whole number ≥ 1: set how many runs to keep per dataset,"
              + " e.g. --conf "
              + RETENTION_KEY
              + "=100");
    }
    return new MetricHistory(root, spark.sparkContext().hadoopConfiguration(), retention);
  }

  /** The run name of the active session (its application id), or a generated one. */
  static String currentRun() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isEmpty()
        ? UUID.randomUUID().toString().substring(0, 8)
        : session.get().sparkContext().applicationId();
  }

  /**
   * The earlier runs of {@code dataset}, oldest first; an unreadable history is a {@link
   * History#unreadable} with the reason, never an exception.
   */
  public History read(String dataset) {
    Path dir = dir(dataset);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return History.of(List.of());
      }
      List<History.Run> runs = new ArrayList<>();
      for (FileStatus f : runFiles(fs, dir)) {
        runs.add(readRun(fs, f.getPath()));
      }
      runs.sort(Comparator.comparing(History.Run::time));
      return History.of(runs);
    } catch (IOException | RuntimeException e) {
      return History.unreadable(
          "the metric history at "
              + dir
              + " could not be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); fix or remove the broken file, or point "
              + KEY
              + " elsewhere");
    }
  }

  /** Records one run's metrics for {@code dataset}: written aside, then renamed into place. */
  public void append(String dataset, String run, Instant time, Map<String, Double> metrics)
      throws IOException {
    Path dir = dir(dataset);
    FileSystem fs = dir.getFileSystem(conf);
    fs.mkdirs(dir);
    String uuid = UUID.randomUUID().toString();
    Path tmp = new Path(dir, "_tmp-" + uuid);
    Properties p = new Properties();
    p.setProperty("run", run);
    p.setProperty("time", time.toString());
    metrics.forEach((k, v) -> p.setProperty("metric." + k, Double.toString(v)));
    try (OutputStream out = fs.create(tmp, false)) {
      p.store(out, "dqgate metric history: " + dataset);
    }
    String name =
        String.format("%013d", time.toEpochMilli())
            + "-"
            + URLEncoder.encode(run, StandardCharsets.UTF_8)
            + "-"
            + uuid
            + SUFFIX;
    if (!fs.rename(tmp, new Path(dir, name))) {
      fs.delete(tmp, false);
      throw new IOException("Cannot rename " + tmp + " into the metric history at " + dir);
    }
    FileStatus[] all = runFiles(fs, dir);
    for (int i = 0; i < all.length - retention; i++) {
      fs.delete(all[i].getPath(), false);
    }
  }

  private Path dir(String dataset) {
    return new Path(root, URLEncoder.encode(dataset, StandardCharsets.UTF_8));
  }

  /** Completed run files, oldest first (names start with the zero-padded epoch millis). */
  private static FileStatus[] runFiles(FileSystem fs, Path dir) throws IOException {
    FileStatus[] files =
        fs.listStatus(
            dir,
            p ->
                p.getName().endsWith(SUFFIX)
                    && !p.getName().startsWith("_")
                    && !p.getName().startsWith("."));
    Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
    return files;
  }

  private static History.Run readRun(FileSystem fs, Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = fs.open(file)) {
      p.load(in);
    }
    String run = p.getProperty("run");
    String time = p.getProperty("time");
    if (run == null || time == null) {
      throw new IOException(file + " is not a dqgate history file: it lacks run or time");
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("metric.")) {
        try {
          metrics.put(key.substring(7), Double.parseDouble(p.getProperty(key)));
        } catch (NumberFormatException e) {
          throw new IOException(file + " has a non-numeric value for " + key, e);
        }
      }
    }
    try {
      return new History.Run(run, Instant.parse(time), metrics);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException(file + " has an unreadable time " + time, e);
    }
  }
}
