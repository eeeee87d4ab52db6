package io.dqgate.reports.testing;

import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.StageSummary.Distribution;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built gate runs for report tests, in any module.
 *
 * <p>{@link #failingRun()} looks like a nightly churn-features job stopped by the gate: four
 * datasets (a bronze input check, a view with a WARN, a join stage with an ERROR, and a blocked
 * gold write with a failing {@code range} rule on {@code amount}), column profiles, a skewed join
 * stage, stage diagnostics and warnings. It carries hostile values ({@link #SCRIPT_PAYLOAD} in a
 * column name, a rule text and an explanation; {@link #IMG_PAYLOAD} in an input path and a warning)
 * so renderers can prove they escape them. Every value is fixed: renderings are byte-for-byte
 * reproducible.
 */
public final class ChurnRunFixture {
  /** Sets {@code data-pwned} on body if it ever runs. */
  public static final String SCRIPT_PAYLOAD =
      "<script>document.body.setAttribute('data-pwned','1')</script>";

  /** Breaks out of an attribute and sets {@code data-pwned-img} on body if it ever runs. */
  public static final String IMG_PAYLOAD =
      "\"><img src=x onerror=\"document.body.setAttribute('data-pwned-img','1')\">";

  public static final String APP_NAME = "churn-features-nightly";
  public static final String FAILING_RULE_ID = "churn_features.amount_range";
  public static final String FAILING_EXPLANATION =
      "312 of 48,102 rows (0.65%) have amount outside [0, 50000] (min -12.5, max 1.2E9); allowed: none"
          + " (rules/churn.yaml:44)";
  public static final String ERROR_RULE_ID = "transactions_enriched.discount_not_null";
  public static final String WARN_RULE_ID = "customers_clean.email_format";
  public static final String HOSTILE_RULE_ID = "transactions_enriched.note_length";

  private static final String RULES = "rules/churn.yaml";
  private static final Instant T0 = Instant.parse("2024-06-10T02:00:00Z");

  private ChurnRunFixture() {}

  /** The failing churn pipeline run described above: verdict FAIL, exit code 1, enforce mode. */
  public static GateRun failingRun() {
    return new GateRun(
        "3f1c2a9e-6b7d-4c1e-9a52-0d4e8b7f6a21",
        APP_NAME,
        "application_1718000000000_0042",
        T0,
        T0.plusSeconds(754).plusMillis(318),
        "enforce",
        "3.5.7",
        "0.1.0-SNAPSHOT",
        List.of(RULES),
        List.of(rawEvents(), customersClean(), transactionsEnriched(), churnFeatures()),
        List.of(
            stage(
                3,
                "load at ChurnJob.scala:41",
                0L,
                DatasetId.of(DatasetRef.path("s3a://lake/bronze/events/dt=2024-06-10")),
                48,
                0,
                new Distribution(0, 0, 0, 0, 0, 0),
                new Distribution(820, 1_100, 1_240, 1_390, 1_700, 2_100),
                6_657_199_308L,
                0,
                0,
                0,
                1_200,
                0,
                0),
            stage(
                5,
                "load at ChurnJob.scala:52",
                1L,
                DatasetId.of(DatasetRef.view("customers_clean")),
                8,
                0,
                new Distribution(0, 0, 0, 0, 0, 0),
                new Distribution(310, 350, 380, 420, 470, 510),
                92_274_688L,
                0,
                0,
                0,
                90,
                0,
                0),
            stage(
                7,
                "join at ChurnJob.scala:88",
                2L,
                DatasetId.of(DatasetRef.stage("transactions_enriched")),
                200,
                11,
                new Distribution(
                    0, 9_542_041L, 12_897_485L, 16_567_500L, 23_068_672L, 2_040_109_465L),
                new Distribution(40, 900, 1_150, 1_400, 2_300, 96_400),
                0,
                4_627_361_792L,
                3_328_599_654L,
                7_516_192_768L,
                41_200,
                0,
                0),
            stage(
                9,
                "save at ChurnJob.scala:120",
                3L,
                DatasetId.of(DatasetRef.path("s3a://lake/gold/churn_features")),
                200,
                0,
                new Distribution(880_000, 1_020_000, 1_100_000, 1_190_000, 1_350_000, 1_610_000),
                new Distribution(600, 720, 800, 860, 990, 1_240),
                0,
                220_200_960L,
                0,
                0,
                2_800,
                200,
                251_658_240L)),
        List.of(
            new Outcome(
                "spark.partition_skew",
                "partition_skew",
                null,
                Severity.WARN,
                Status.WARN,
                158.2,
                null,
                "max/median ≤ 10",
                "Stage 7 (join at ChurnJob.scala:88): the largest task read 1.9 GiB of shuffle, 158× the median"
                    + " 12.3 MiB; one join key dominates (rules/churn.yaml:52)",
                new SourceLocation(RULES, 52, 5),
                "partition_skew: {max_over_median: 10, severity: warn}",
                false),
            new Outcome(
                "spark.small_files",
                "small_files",
                null,
                null,
                Status.INFO,
                200.0,
                null,
                null,
                "Stage 9 wrote 200 files of 1.2 MiB on average to s3a://lake/gold/churn_features;"
                    + " coalescing to 2 would give 120 MiB files",
                SourceLocation.unknown("built-in diagnostics"),
                null,
                false)),
        List.of(
            "spark.sql.sources.commitProtocolClass is set by the job, so dqgate could check the write to"
                + " table crm.audit_log but not hold it back.",
            "Cannot resolve the lineage of input "
                + IMG_PAYLOAD
                + " because it is not a path, table or view."),
        1);
  }

  /** A clean run in observe mode: two datasets, every rule passes, no stages, verdict PASS. */
  public static GateRun passingRun() {
    DatasetResult a =
        new DatasetResult(
            id("customers", DatasetRef.table("crm.customers")),
            "check",
            10L,
            List.of(
                new ColumnProfile(
                    "id", "bigint", 0L, null, 10L, "1", "10", 55.0, quantiles(3.0, 5.0, 8.0))),
            List.of(pass("customers.id_not_null", "not_null", "id", 0.0, 10L, "= 0", 3)),
            List.of(),
            0,
            true,
            T0.plusSeconds(5),
            Map.of());
    DatasetResult b =
        new DatasetResult(
            id("customers_copy", DatasetRef.path("/tmp/out/customers_copy")),
            "write(overwrite)",
            10L,
            List.of(),
            List.of(pass("customers_copy.row_count", "row_count", null, 10.0, null, "[1, +∞)", 7)),
            List.of(DatasetId.of(DatasetRef.table("crm.customers"))),
            0,
            true,
            T0.plusSeconds(9),
            Map.of());
    return new GateRun(
        "00000000-0000-0000-0000-000000000001",
        "copy-job",
        "local-1718000000000",
        T0,
        T0.plusSeconds(12),
        "observe",
        "3.5.7",
        "0.1.0-SNAPSHOT",
        List.of("rules/copy.yaml"),
        List.of(a, b),
        List.of(),
        List.of(),
        List.of(),
        0);
  }

  /**
   * The emptiest run the model allows: no datasets, no stages, and null wherever a field may be
   * null (including non-finite numbers), for renderers' edge cases.
   */
  public static GateRun minimalRun() {
    Outcome odd =
        new Outcome(
            null, null, null, null, Status.ERROR, Double.NaN, null, null, null, null, null, false);
    Outcome inf =
        new Outcome(
            "spark.skew",
            "partition_skew",
            null,
            Severity.FAIL,
            Status.FAIL,
            Double.POSITIVE_INFINITY,
            null,
            "≤ 10",
            "median 0, max 12",
            SourceLocation.unknown("built-in"),
            null,
            true);
    DatasetResult bare =
        new DatasetResult(
            null,
            null,
            null,
            List.of(
                new ColumnProfile(
                    "x", null, null, null, null, null, null, Double.NEGATIVE_INFINITY, null)),
            List.of(odd),
            List.of(),
            0,
            false,
            null,
            Map.of());
    StageSummary s =
        new StageSummary(0, 1, null, null, null, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0);
    return new GateRun(
        "run-0",
        null,
        null,
        T0,
        null,
        "observe",
        null,
        null,
        List.of(),
        List.of(bare),
        List.of(s),
        List.of(inf),
        List.of(),
        0);
  }

  // ------------------------------------------------------------------ the churn datasets

  private static DatasetResult rawEvents() {
    long rows = 1_204_331L;
    return new DatasetResult(
        id("raw_events", DatasetRef.path("s3a://lake/bronze/events/dt=2024-06-10")),
        "check",
        rows,
        List.of(
            column("event_id", "string", 0, rows, "e-000000001", "e-001204331"),
            column("customer_id", "string", 0, 48_211, "C000001", "C099871"),
            new ColumnProfile(
                "event_ts",
                "timestamp",
                0L,
                null,
                1_180_442L,
                "2024-06-10T00:00:00Z",
                "2024-06-10T23:59:59Z",
                null,
                null)),
        List.of(
            pass(
                "raw_events.row_count",
                "row_count",
                null,
                (double) rows,
                null,
                "[1,000,000, +∞)",
                8),
            pass("raw_events.event_id_not_null", "not_null", "event_id", 0.0, rows, "= 0", 10),
            new Outcome(
                "raw_events.event_id_unique",
                "unique",
                "event_id",
                Severity.FAIL,
                Status.PASS,
                0.0,
                rows,
                "= 0",
                "every event_id is unique (rules/churn.yaml:11)",
                loc(11),
                "event_id: {unique: true}",
                true)),
        List.of(
            DatasetId.of(DatasetRef.path("s3a://lake/landing/events/dt=2024-06-10")),
            DatasetId.of(DatasetRef.path(IMG_PAYLOAD))),
        0,
        true,
        T0.plusSeconds(72),
        Map.of());
  }

  private static DatasetResult customersClean() {
    long rows = 48_211L;
    return new DatasetResult(
        id("customers_clean", DatasetRef.view("customers_clean")),
        "view",
        rows,
        List.of(
            column("customer_id", "string", 0, rows, "C000001", "C099871"),
            column("email", "string", 312, 47_640, "a.aaron@example.org", "zz@zz"),
            new ColumnProfile(
                "signup_date", "date", 0L, null, 3_410L, "2014-01-02", "2024-06-09", null, null),
            new ColumnProfile(
                "tenure_months",
                "int",
                0L,
                null,
                144L,
                "0",
                "143",
                1_542_752.0,
                quantiles(7.0, 24.0, 51.0))),
        List.of(
            pass(
                "customers_clean.customer_id_not_null",
                "not_null",
                "customer_id",
                0.0,
                rows,
                "= 0",
                18),
            new Outcome(
                WARN_RULE_ID,
                "matches",
                "email",
                Severity.WARN,
                Status.WARN,
                1_157.0,
                rows,
                "≤ 1%",
                "1,157 of 48,211 rows (2.4%) have an email that does not match ^[^@\\s]+@[^@\\s]+$;"
                    + " allowed ≤ 1% (rules/churn.yaml:21)",
                loc(21),
                "email: {matches: '^[^@\\s]+@[^@\\s]+$', max_fraction: 1%, severity: warn}",
                false)),
        List.of(DatasetId.of(DatasetRef.table("crm.customers"))),
        0,
        true,
        T0.plusSeconds(131),
        Map.of());
  }

  private static DatasetResult transactionsEnriched() {
    long rows = 982_114L;
    return new DatasetResult(
        id("transactions_enriched", DatasetRef.stage("transactions_enriched")),
        "check",
        rows,
        List.of(
            column("customer_id", "string", 0, 48_102, "C000001", "C099871"),
            new ColumnProfile(
                "amount",
                "double",
                1_203L,
                0L,
                211_873L,
                "-12.5",
                "1.2E9",
                5.3e10,
                quantiles(18.4, 42.0, 97.3)),
            column("currency", "string", 0, 3, "CHF", "USD"),
            column(SCRIPT_PAYLOAD, "string", 981_000, 1_090, "", "zzz")),
        List.of(
            new Outcome(
                ERROR_RULE_ID,
                "not_null",
                "discount_pct",
                Severity.FAIL,
                Status.ERROR,
                null,
                null,
                "= 0",
                "Cannot compute not_null on discount_pct because the column does not exist; the columns are"
                    + " customer_id, amount, currency, note (rules/churn.yaml:30)",
                loc(30),
                "discount_pct: {not_null: true}",
                false),
            new Outcome(
                HOSTILE_RULE_ID,
                "max_length",
                SCRIPT_PAYLOAD,
                Severity.WARN,
                Status.WARN,
                14.0,
                rows,
                "= 0",
                "14 of 982,114 rows have "
                    + SCRIPT_PAYLOAD
                    + " longer than 256 characters (rules/churn.yaml:34)",
                loc(34),
                "'" + SCRIPT_PAYLOAD + "': {max_length: 256, severity: warn}",
                false),
            pass(
                "transactions_enriched.currency_in_set",
                "in_set",
                "currency",
                0.0,
                rows,
                "= 0",
                32)),
        List.of(
            DatasetId.of(DatasetRef.path("s3a://lake/bronze/events/dt=2024-06-10")),
            DatasetId.of(DatasetRef.view("customers_clean"))),
        0,
        true,
        T0.plusSeconds(498),
        Map.of());
  }

  private static DatasetResult churnFeatures() {
    long rows = 48_102L;
    return new DatasetResult(
        id("churn_features", DatasetRef.path("s3a://lake/gold/churn_features")),
        "write(overwrite)",
        rows,
        List.of(
            column("customer_id", "string", 0, rows, "C000001", "C099871"),
            new ColumnProfile(
                "amount",
                "double",
                0L,
                0L,
                45_990L,
                "-12.5",
                "1.2E9",
                2.91e9,
                quantiles(18.4, 42.0, 97.3)),
            new ColumnProfile(
                "tenure_months",
                "int",
                0L,
                null,
                144L,
                "0",
                "143",
                1_539_264.0,
                quantiles(7.0, 24.0, 51.0)),
            new ColumnProfile(
                "avg_basket",
                "double",
                2_405L,
                0L,
                30_112L,
                "0.99",
                "412.0",
                2.1e6,
                quantiles(21.5, 38.2, 55.9)),
            column("churned", "boolean", 0, 2, "false", "true")),
        List.of(
            pass(
                "churn_features.customer_id_not_null",
                "not_null",
                "customer_id",
                0.0,
                rows,
                "= 0",
                40),
            new Outcome(
                "churn_features.customer_id_unique",
                "unique",
                "customer_id",
                Severity.FAIL,
                Status.PASS,
                0.0,
                rows,
                "= 0",
                "every customer_id is unique (rules/churn.yaml:41)",
                loc(41),
                "customer_id: {unique: true}",
                true),
            new Outcome(
                FAILING_RULE_ID,
                "range",
                "amount",
                Severity.FAIL,
                Status.FAIL,
                312.0,
                rows,
                "[0, 50000]",
                FAILING_EXPLANATION,
                loc(44),
                "amount: {range: [0, 50000]}",
                false),
            pass("churn_features.churned_not_null", "not_null", "churned", 0.0, rows, "= 0", 46)),
        List.of(
            DatasetId.of(DatasetRef.stage("transactions_enriched")),
            DatasetId.of(DatasetRef.view("customers_clean"))),
        1,
        false,
        T0.plusSeconds(741),
        Map.of());
  }

  // ------------------------------------------------------------------ helpers

  private static Outcome pass(
      String id,
      String check,
      String column,
      Double observed,
      Long total,
      String threshold,
      int line) {
    String what = column == null ? check : check + " on " + column;
    return new Outcome(
        id,
        check,
        column,
        Severity.FAIL,
        Status.PASS,
        observed,
        total,
        threshold,
        what + " holds (" + RULES + ":" + line + ")",
        loc(line),
        column == null ? check + ": " + threshold : column + ": {" + check + ": true}",
        false);
  }

  private static ColumnProfile column(
      String name, String type, long nulls, long distinct, String min, String max) {
    return new ColumnProfile(name, type, nulls, null, distinct, min, max, null, null);
  }

  private static Map<String, Double> quantiles(double q1, double median, double q3) {
    Map<String, Double> q = new LinkedHashMap<>();
    q.put("0.25", q1);
    q.put("0.5", median);
    q.put("0.75", q3);
    return q;
  }

  /**
   * The identity of a dataset named {@code rule} in the rule file (no rule name when it is the
   * ref's name).
   */
  private static DatasetId id(String rule, DatasetRef ref) {
    return new DatasetId(rule.equals(ref.name()) ? null : rule, List.of(ref));
  }

  private static SourceLocation loc(int line) {
    return new SourceLocation(RULES, line, 5);
  }

  private static StageSummary stage(
      int id,
      String name,
      Long executionId,
      DatasetId dataset,
      int tasks,
      int empty,
      Distribution shuffle,
      Distribution runTime,
      long input,
      long shuffleTotal,
      long spillDisk,
      long spillMemory,
      long gc,
      long files,
      long outBytes) {
    return new StageSummary(
        id,
        0,
        name,
        executionId,
        dataset,
        tasks,
        empty,
        shuffle,
        runTime,
        input,
        shuffleTotal,
        spillDisk,
        spillMemory,
        gc,
        files,
        outBytes);
  }
}
