package io.dqgate.spark.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * Every {@code spark.dqgate.*} key, with its default and doc. Values are parsed strictly: a wrong
 * value or an unknown key under {@code spark.dqgate.} is an error that names the key, the value and
 * the fix (a typo must never silently turn the gate off).
 */
public final class GateConf {

  /** One configuration key. */
  public record Key<T>(String name, String defaultValue, String doc, Function<String, T> parser) {
    T parse(String value) {
      return parser.apply(value.trim());
    }
  }

  /** What the gate does with a breached {@code fail} rule. */
  public enum Mode {
    /** Stop the write or view before anything is published; the job fails. */
    ENFORCE,
    /**
     * Let everything through, record every outcome; exit non-zero at the end (see failOnBreach).
     */
    OBSERVE,
    /** Check nothing. */
    OFF
  }

  /** What the gate does when it fails itself (a bug, a metric it cannot read). */
  public enum OnInternalError {
    FAIL_OPEN,
    FAIL_CLOSED
  }

  /** How named temp views are checked. */
  public enum Views {
    /** When the view is created: one extra Spark job (two with exact checks) per matched view. */
    EAGER,
    /**
     * The default: no extra Spark job. The view's subtree is observed inside the pass of the later
     * query that reads it (only when that query computes the columns the view's rules read: column
     * pruning is kept); a write that consumes a failing view is rejected in enforce mode. Exact
     * checks (unique, IQR counts) need one extra pass over the view, run when a write consumes it.
     * A view no query observed is checked by one job of its own at the end of the run.
     */
    OBSERVE,
    /** Views are not checked. */
    OFF
  }

  /** What the end of the run does with a rule block that matched no checked dataset. */
  public enum UnmatchedRules {
    WARN,
    FAIL
  }

  private static final Map<String, Key<?>> KEYS = new LinkedHashMap<>();

  public static final Key<Boolean> ENABLED =
      key(
          "spark.dqgate.enabled",
          "true",
          "Master switch: false turns every hook into a no-op.",
          GateConf::bool);
  public static final Key<List<String>> RULES =
      key(
          "spark.dqgate.rules",
          "",
          "Comma-separated rule files or directories (any Hadoop file system path: local, hdfs://, s3a://).",
          GateConf::paths);
  public static final Key<Mode> MODE =
      key("spark.dqgate.mode", "enforce", "enforce | observe | off.", choice(Mode.class));
  public static final Key<Boolean> FAIL_ON_BREACH =
      key(
          "spark.dqgate.failOnBreach",
          "true",
          "In observe mode, end the run with exit code 3 after the reports are written if a fail rule was"
              + " breached. false keeps exit 0 for pure monitoring.",
          GateConf::bool);
  public static final Key<OnInternalError> ON_INTERNAL_ERROR =
      key(
          "spark.dqgate.onInternalError",
          "fail-open",
          "fail-open: an internal gate error becomes an ERROR outcome and a warning, the job goes on."
              + " fail-closed: it fails the job (exit code 4).",
          choice(OnInternalError.class));
  public static final Key<String> REPORT_DIR =
      key(
          "spark.dqgate.reportDir",
          "dqgate-report",
          "Where report.json, report.html and junit.xml are written at the end of the run (local path).",
          GateConf::reportDir);
  public static final Key<Views> VIEWS =
      key(
          "spark.dqgate.views",
          "observe",
          "observe | eager | off: how named temp views are checked. observe (default): inside the pass of the"
              + " later query that reads the view (no extra job; a failing view rejects the write that consumes"
              + " it; a view no query observes is checked by one job at the end of the run). eager: when the"
              + " view is created (one extra job per matched view). Also read from the"
              + " session's runtime SQL conf (spark.conf().set), with the application's value as default, so it"
              + " can be switched per session; the mode in force when a view is created decides how it is checked.",
          choice(Views.class));

  public static final Key<Boolean> LINEAGE_ENABLED =
      key(
          "spark.dqgate.lineage.enabled",
          "true",
          "Emit OpenLineage events with the data-quality results through the transport configured by the"
              + " job's spark.openlineage.transport.* keys (nothing is sent when there are none). false turns"
              + " lineage off. See docs/lineage.md.",
          GateConf::bool);
  public static final Key<java.time.Duration> LINEAGE_FLUSH_TIMEOUT =
      key(
          "spark.dqgate.lineage.flushTimeout",
          "10s",
          "How long the end of the run waits for lineage events still queued (e.g. 500ms, 10s, 1m); events"
              + " not sent by then are counted in a warning, never a failure.",
          GateConf::duration);

  public static final Key<UnmatchedRules> UNMATCHED_RULES =
      key(
          "spark.dqgate.unmatchedRules",
          "warn",
          "warn | fail: what the end of the run does with a rule block that matched no dataset dqgate"
              + " checked (a typo in a match, or a write dqgate cannot check). warn: a warning naming the"
              + " writes that looked like it. fail: each of the block's rules FAIL (exit code 3).",
          choice(UnmatchedRules.class));

  public static final Key<String> HISTORY =
      key(
          "spark.dqgate.history",
          "",
          "A Hadoop FS path where every run stores each gated dataset's metrics, for change and anomaly"
              + " rules (unset: no history; those rules are WARN). See docs/rules.md, Metric history.",
          GateConf::historyPath);
  public static final Key<Integer> HISTORY_RETENTION =
      key(
          "spark.dqgate.history.retention",
          "100",
          "How many runs the metric history keeps per dataset (older ones are deleted).",
          GateConf::positiveInt);

  /**
   * Exit code of an application in which dqgate could not start: a wrong spark.dqgate.* value or
   * key, or a rule file that cannot be read or parsed.
   */
  public static final int EXIT_CONFIGURATION = 2;

  /** Exit code of a run in which a fail rule was breached (enforce or observe). */
  public static final int EXIT_BREACH = 3;

  /** Exit code of a run stopped by an internal gate error in fail-closed mode. */
  public static final int EXIT_INTERNAL_ERROR = 4;

  private final Map<String, String> values;

  private GateConf(Map<String, String> values) {
    this.values = values;
  }

  /** Reads and validates every {@code spark.dqgate.*} key of {@code conf}. */
  public static GateConf from(SparkConf conf) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Tuple2<String, String> entry : conf.getAllWithPrefix("spark.dqgate.")) {
      values.put("spark.dqgate." + entry._1(), entry._2());
    }
    return from(values);
  }

  static GateConf from(Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!KEYS.containsKey(key)) {
        problems.add(
            "unknown key "
                + key
                + didYouMean(key)
                + "; known keys: "
                + String.join(", ", KEYS.keySet()));
      }
    }
    GateConf conf = new GateConf(values);
    for (Key<?> key : KEYS.values()) {
      try {
        conf.getChecked(key);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot start dqgate because of its configuration: "
              + String.join("; ", problems)
              + ". Every key is described in docs/attach.md.");
    }
    return conf;
  }

  public <T> T get(Key<T> key) {
    return key.parse(values.getOrDefault(key.name(), key.defaultValue()));
  }

  /**
   * {@link #VIEWS} as {@code spark} sees it now: the session's runtime SQL conf ({@code
   * spark.conf()}), with this configuration's value as default.
   */
  public Views views(org.apache.spark.sql.SparkSession spark) {
    String value =
        spark.conf().get(VIEWS.name(), values.getOrDefault(VIEWS.name(), VIEWS.defaultValue()));
    try {
      return VIEWS.parse(value);
    } catch (IllegalArgumentException e) {
      throw new GateConfigurationException(
          e.getMessage()
              + " (set in the session's conf). Every key is described in docs/attach.md.");
    }
  }

  /** All keys, for docs and {@code ./dqgate config}. */
  public static List<Key<?>> keys() {
    return List.copyOf(KEYS.values());
  }

  private static <T> Key<T> key(
      String name, String defaultValue, String doc, Function<String, T> parser) {
    Key<T> key = new Key<>(name, defaultValue, doc, parser);
    KEYS.put(name, key);
    return key;
  }

  /** A key whose parser names it in its own message: it is handed the key's name. */
  private static <T> Key<T> key(
      String name, String defaultValue, String doc, BiFunction<String, String, T> parser) {
    return key(name, defaultValue, doc, value -> parser.apply(name, value));
  }

  private static List<String> paths(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    List<String> paths = List.of(value.trim().split("\\s*,\\s*", -1));
    if (paths.contains("")) {
      throw new IllegalArgumentException(
          "\""
              + value
              + "\" has an empty entry: separate rule files with single commas, e.g. a.yaml,b.yaml");
    }
    return paths;
  }

  private static String historyPath(String value) {
    if (!value.isEmpty()) {
      try {
        new org.apache.hadoop.fs.Path(value).toUri();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "is not a valid Hadoop FS path: give one such as hdfs:///dqgate/history, or leave the key"
                + " unset");
      }
    }
    return value;
  }

  private static Integer positiveInt(String key, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + "=" + value + " is not valid: use a whole number of runs of at least 1 (e.g. 100)");
  }

  private static String reportDir(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "the report directory is empty: give a local path such as dqgate-report");
    }
    return value;
  }

  private static Boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("\"" + value + "\" is not true or false");
    };
  }

  private <T> T getChecked(Key<T> key) {
    String value = values.getOrDefault(key.name(), key.defaultValue());
    try {
      return key.parse(value);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(
          message.startsWith(key.name()) ? message : key.name() + "=" + value + ": " + message);
    }
  }

  private static java.time.Duration duration(String key, String value) {
    java.time.Duration d = io.dqgate.rules.Formats.parseDuration(value);
    if (d == null) {
      throw new IllegalArgumentException(
          key + "=" + value + " is not valid: use a whole number with ms, s or m (e.g. 10s)");
    }
    return d;
  }

  /**
   * The parser of a key that takes one of {@code type}'s constants, written lower-case-hyphenated.
   */
  private static <E extends Enum<E>> BiFunction<String, String, E> choice(Class<E> type) {
    return (key, value) -> choice(key, value, type);
  }

  private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
    String normalized = value.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(normalized)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException(
        key + "=" + value + " is not valid: use one of " + String.join(", ", allowed));
  }

  private static String didYouMean(String key) {
    String close = io.dqgate.rules.Spelling.closest(key, KEYS.keySet());
    return close == null ? "" : " (did you mean " + close + "?)";
  }
}
