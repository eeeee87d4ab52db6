package io.dqgate.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM, shared by every test class of every module.
 *
 * <p>Spark sessions are expensive (seconds) and Spark keeps global state, so tests never build
 * their own: they call {@link #get()}. The session is {@code local[2]}, UI off, bound to loopback,
 * with 2 shuffle partitions. Confs a module's tests need (the gate's SQL extension) are system
 * properties {@code dqgate.test.spark.*} set before the first call.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder builder =
          SparkSession.builder()
              .appName("dqgate-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.sql.warehouse.dir", warehouse());
      // A module's tests add Spark confs (the gate's extension, its rules) as system properties
      // "dqgate.test.spark.<key>", set in that module's Surefire configuration.
      for (String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith("dqgate.test.spark.")) {
          builder.config(name.substring("dqgate.test.".length()), System.getProperty(name));
        }
      }
      session = builder.getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /**
   * A fresh warehouse per JVM: managed tables of an earlier run must not collide with this one's.
   */
  private static String warehouse() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dqgate-warehouse");
      dir.toFile().deleteOnExit();
      return dir.toAbsolutePath().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs {@code body} with the given SQL confs set, restoring the previous values afterwards. */
  public static <T> T withSQLConf(Map<String, String> confs, Supplier<T> body) {
    SparkSession spark = get();
    Map<String, String> previous = new LinkedHashMap<>();
    confs.forEach(
        (key, value) -> {
          previous.put(key, spark.conf().contains(key) ? spark.conf().get(key) : null);
          spark.conf().set(key, value);
        });
    try {
      return body.get();
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
  }
}
