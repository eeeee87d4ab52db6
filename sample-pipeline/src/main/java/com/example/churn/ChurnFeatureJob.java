package com.example.churn;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Churn feature engineering: transactions CSV → typed bronze table → per-transaction
 * calendar-window features → per-user features → churn label from a cutoff date → missing values
 * handled → scaled feature vectors → 80/20 train/test split, written as Parquet.
 *
 * <p>A plain Spark application: the session (and its master) comes from spark-submit. Every stage
 * is registered as a named temporary view, and each stage after bronze reads its input back through
 * the previous stage's view ({@code spark.table(name)}), so a stage's name is visible in the plans
 * of the later writes. The stages are static methods from Dataset to Dataset so they can be tested
 * one by one.
 *
 * <pre>
 *   --input &lt;csv&gt; --output &lt;dir&gt; [--cutoff yyyy-MM-dd] [--handwritten-checks]
 * </pre>
 *
 * <p>{@code --handwritten-checks} runs {@link HandwrittenChecks} on every stage the rules check,
 * before the stage is written or used: the hand-written baseline of {@code ./dqgate bench}.
 */
public final class ChurnFeatureJob {
  private static final Logger LOG = LoggerFactory.getLogger(ChurnFeatureJob.class);

  // View names: the gate matches rules to these names, so they are part of the job's contract.
  public static final String VIEW_BRONZE = "bronze_transactions";
  public static final String VIEW_REJECTS = "rejected_rows";
  public static final String VIEW_TEMPORAL = "temporal_features";
  public static final String VIEW_USER_FEATURES = "user_features";
  public static final String VIEW_LABELED = "labeled_users";
  public static final String VIEW_MODEL_INPUT = "model_input";
  public static final String VIEW_SCALED = "scaled_features";
  public static final String VIEW_FEATURES = "features";

  /**
   * Days in the label window [cutoff, cutoff + LABEL_WINDOW_DAYS). Also the default cutoff offset.
   */
  public static final int LABEL_WINDOW_DAYS = 30;

  public static final long SPLIT_SEED = 42L;
  public static final double TRAIN_FRACTION = 0.8;

  public static final String CORRUPT_COLUMN = "_corrupt_record";

  /** The input columns, typed. Bronze has exactly these columns. */
  public static final StructType TRANSACTION_SCHEMA =
      new StructType()
          .add("transaction_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("transaction_date", DataTypes.DateType)
          .add("amount", DataTypes.DoubleType)
          .add("category", DataTypes.StringType)
          .add("device_type", DataTypes.StringType);

  /**
   * What the CSV reader is given: the input columns plus the column that receives malformed lines.
   */
  public static final StructType RAW_SCHEMA =
      TRANSACTION_SCHEMA.add(CORRUPT_COLUMN, DataTypes.StringType);

  /** The feature columns of the user_features stage after user_id, in column order. */
  public static final List<String> FEATURE_COLUMNS =
      List.of(
          "total_transactions",
          "lifetime_spend",
          "avg_spend",
          "spend_std",
          "days_since_first_transaction",
          "days_since_last_transaction",
          "unique_categories",
          "favorite_category",
          "transaction_count_7d",
          "total_spend_7d",
          "avg_spend_7d",
          "transaction_count_30d",
          "total_spend_30d");

  /** The numeric columns assembled into the feature vector, in vector order. */
  public static final String[] NUMERIC_FEATURES =
      FEATURE_COLUMNS.stream().filter(c -> !c.equals("favorite_category")).toArray(String[]::new);

  private static final String DAY = "day_number";
  private static final String TIME_PARSER_POLICY = "spark.sql.legacy.timeParserPolicy";

  private ChurnFeatureJob() {}

  // ---------------------------------------------------------------------------------------------
  // main
  // ---------------------------------------------------------------------------------------------

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ChurnFeatureJob: " + e.getMessage() + " (usage: " + Options.USAGE + ")");
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("churn-feature-job").getOrCreate();
    Summary summary = run(spark, options);
    System.out.println(summary.render());
    spark.stop();
  }

  /** Command-line options. */
  public record Options(
      String input, String output, Optional<LocalDate> cutoff, boolean handwrittenChecks) {
    public static final String USAGE =
        "--input <csv> --output <dir> [--cutoff yyyy-MM-dd] [--handwritten-checks]";

    public Options(String input, String output, Optional<LocalDate> cutoff) {
      this(input, output, cutoff, false);
    }

    /** Parses the arguments; throws IllegalArgumentException with a one-line message. */
    public static Options parse(String[] args) {
      String input = null;
      String output = null;
      LocalDate cutoff = null;
      boolean handwrittenChecks = false;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--handwritten-checks")) {
          handwrittenChecks = true;
          continue;
        }
        if (!flag.equals("--input") && !flag.equals("--output") && !flag.equals("--cutoff")) {
          throw new IllegalArgumentException("unknown argument '" + flag + "'");
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--input" -> input = value;
          case "--output" -> output = value;
          default -> {
            try {
              cutoff = LocalDate.parse(value); // ISO yyyy-MM-dd, strict
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException(
                  "cannot parse --cutoff '" + value + "': expected yyyy-MM-dd");
            }
          }
        }
      }
      if (input == null || input.isBlank()) {
        throw new IllegalArgumentException("missing --input");
      }
      if (output == null || output.isBlank()) {
        throw new IllegalArgumentException("missing --output");
      }
      return new Options(input, output, Optional.ofNullable(cutoff), handwrittenChecks);
    }
  }

  /** Rows per stage, for the end-of-job summary. */
  public record Summary(
      LocalDate cutoff, Map<String, Long> rowsPerView, Map<String, String> outputs) {
    public String render() {
      StringBuilder sb = new StringBuilder();
      sb.append("ChurnFeatureJob summary (cutoff ").append(cutoff).append(")\n");
      sb.append(String.format("  %-22s %12s  %s%n", "view", "rows", "output"));
      rowsPerView.forEach(
          (view, rows) ->
              sb.append(
                  String.format(
                      "  %-22s %12d  %s%n",
                      view, rows, outputs.getOrDefault(view, "(view only)"))));
      return sb.toString().stripTrailing();
    }
  }

  /** Runs every stage: registers the views, writes the outputs, returns the row counts. */
  public static Summary run(SparkSession spark, Options options) {
    String out = options.output().replaceAll("/+$", "");
    Map<String, String> outputs = new LinkedHashMap<>();
    List<Dataset<Row>> cached = new ArrayList<>();

    // Bronze. The parsed CSV is persisted before anything else is asked of it: Spark refuses
    // queries
    // that reference only _corrupt_record on an unparsed file, and without the cache the CSV parser
    // prunes columns, so whether a line counts as malformed would depend on the columns a query
    // reads.
    Dataset<Row> parsed =
        readTransactions(spark, options.input()).persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(parsed);

    Dataset<Row> rejects = rejectedRows(parsed);
    rejects.createOrReplaceTempView(VIEW_REJECTS);
    long malformed = rejects.count();
    if (malformed > 0) {
      LOG.warn(
          "{} malformed CSV row(s) in {}: written to {}/rejects", malformed, options.input(), out);
    } else {
      LOG.info("no malformed CSV rows in {}", options.input());
    }
    check(options, VIEW_REJECTS, rejects);
    write(rejects, out + "/rejects", VIEW_REJECTS, outputs);

    bronze(parsed).createOrReplaceTempView(VIEW_BRONZE);
    check(options, VIEW_BRONZE, spark.table(VIEW_BRONZE));
    write(spark.table(VIEW_BRONZE), out + "/bronze", VIEW_BRONZE, outputs);

    LocalDate cutoff = options.cutoff().orElseGet(() -> defaultCutoff(spark.table(VIEW_BRONZE)));
    LOG.info(
        "churn cutoff {}, label window [{}, {})",
        cutoff,
        cutoff,
        cutoff.plusDays(LABEL_WINDOW_DAYS));

    temporalFeatures(spark.table(VIEW_BRONZE), cutoff).createOrReplaceTempView(VIEW_TEMPORAL);
    check(options, VIEW_TEMPORAL, spark.table(VIEW_TEMPORAL));

    // Persisted: it is the expensive stage (windows and aggregates over every row), and the label,
    // the
    // missing-value step, the scaler's fit and its transform all read it. Coalesced to one
    // partition
    // per core first: the table is small (one row per user), and AQE does not coalesce the
    // partitions
    // of a cached plan, so every later pass and write would otherwise run (and write) one tiny task
    // per shuffle partition (200 by default).
    Dataset<Row> users =
        userFeatures(spark.table(VIEW_TEMPORAL), cutoff)
            .coalesce(spark.sparkContext().defaultParallelism())
            .persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(users);
    users.createOrReplaceTempView(VIEW_USER_FEATURES);
    check(options, VIEW_USER_FEATURES, spark.table(VIEW_USER_FEATURES));
    write(spark.table(VIEW_USER_FEATURES), out + "/user_features", VIEW_USER_FEATURES, outputs);

    labelUsers(spark.table(VIEW_USER_FEATURES), spark.table(VIEW_BRONZE), cutoff)
        .createOrReplaceTempView(VIEW_LABELED);
    check(options, VIEW_LABELED, spark.table(VIEW_LABELED));

    handleMissingValues(spark.table(VIEW_LABELED)).createOrReplaceTempView(VIEW_MODEL_INPUT);
    check(options, VIEW_MODEL_INPUT, spark.table(VIEW_MODEL_INPUT));

    // Persisted: randomSplit evaluates its input once per split, and must see the same rows each
    // time.
    // Coalesced like user_features (the label's join shuffles again).
    Dataset<Row> scaled =
        scaleFeatures(spark.table(VIEW_MODEL_INPUT))
            .coalesce(spark.sparkContext().defaultParallelism())
            .persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(scaled);
    scaled.createOrReplaceTempView(VIEW_SCALED);
    long scaledRows = spark.table(VIEW_SCALED).count(); // fills the cache before the split reads it

    // The unscaled vector is not kept: the numeric columns it was assembled from are all there.
    splitTrainTest(spark.table(VIEW_SCALED), TRAIN_FRACTION, SPLIT_SEED)
        .drop("raw_features")
        .createOrReplaceTempView(VIEW_FEATURES);
    check(options, VIEW_FEATURES, spark.table(VIEW_FEATURES));
    spark
        .table(VIEW_FEATURES)
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("split")
        .parquet(out + "/features");
    outputs.put(VIEW_FEATURES, out + "/features (partitioned by split)");

    // Row counts: cheap, since bronze, user_features and scaled_features are cached (the window
    // columns of temporal_features are pruned away when only its rows are counted).
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put(VIEW_REJECTS, malformed);
    rows.put(VIEW_BRONZE, spark.table(VIEW_BRONZE).count());
    rows.put(VIEW_TEMPORAL, spark.table(VIEW_TEMPORAL).count());
    rows.put(VIEW_USER_FEATURES, spark.table(VIEW_USER_FEATURES).count());
    rows.put(VIEW_LABELED, spark.table(VIEW_LABELED).count());
    rows.put(VIEW_MODEL_INPUT, spark.table(VIEW_MODEL_INPUT).count());
    rows.put(VIEW_SCALED, scaledRows);
    rows.put(VIEW_FEATURES, spark.table(VIEW_FEATURES).count());
    cached.forEach(Dataset::unpersist);
    return new Summary(cutoff, rows, outputs);
  }

  private static void check(Options options, String view, Dataset<Row> df) {
    if (options.handwrittenChecks()) {
      HandwrittenChecks.validate(view, df);
    }
  }

  private static void write(
      Dataset<Row> df, String path, String view, Map<String, String> outputs) {
    df.write().mode(SaveMode.Overwrite).parquet(path);
    outputs.put(view, path);
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: bronze
  // ---------------------------------------------------------------------------------------------

  /**
   * Reads the CSV with the explicit schema in PERMISSIVE mode: a line that does not fit the schema
   * (a non-date in transaction_date, a non-number in amount, a wrong number of fields) keeps its
   * raw text in {@value #CORRUPT_COLUMN}. Persist the result before querying {@value
   * #CORRUPT_COLUMN}. Sets spark.sql.legacy.timeParserPolicy=CORRECTED for the session unless it is
   * set already.
   */
  public static Dataset<Row> readTransactions(SparkSession spark, String path) {
    // Under Spark's default policy (EXCEPTION) a date the pre-3.0 parser would have accepted
    // leniently,
    // such as 2024-13-01, fails the whole job with SparkUpgradeException instead of becoming a
    // malformed row. CORRECTED makes it a malformed row. A policy the user set explicitly is kept.
    if (!spark.conf().contains(TIME_PARSER_POLICY)) {
      spark.conf().set(TIME_PARSER_POLICY, "CORRECTED");
    }
    return spark
        .read()
        .option("header", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
        // Explicit format: without it Spark falls back to a lenient parser that accepts e.g.
        // "2024".
        .option("dateFormat", "yyyy-MM-dd")
        .schema(RAW_SCHEMA)
        .csv(path);
  }

  /** The malformed lines of a parsed (and persisted) CSV: never silently dropped. */
  public static Dataset<Row> rejectedRows(Dataset<Row> parsed) {
    return parsed
        .filter(col(CORRUPT_COLUMN).isNotNull())
        .select(
            col(CORRUPT_COLUMN).as("raw_record"),
            lit("malformed CSV row: does not match the transaction schema").as("reject_reason"));
  }

  /**
   * The well-formed rows, typed. Bronze is the input as it is: it is not de-duplicated and keeps
   * nulls, negative amounts and unknown categories (the gate's rules on this view catch those).
   */
  public static Dataset<Row> bronze(Dataset<Row> parsed) {
    return parsed.filter(col(CORRUPT_COLUMN).isNull()).drop(CORRUPT_COLUMN);
  }

  /** max(transaction_date) minus {@value #LABEL_WINDOW_DAYS} days. */
  public static LocalDate defaultCutoff(Dataset<Row> bronze) {
    Row row =
        bronze
            .agg(date_sub(max(col("transaction_date")), LABEL_WINDOW_DAYS).cast("string"))
            .first();
    if (row.isNullAt(0)) {
      throw new IllegalStateException(
          "cannot derive a default cutoff: the input has no dated transactions; pass --cutoff");
    }
    return LocalDate.parse(row.getString(0));
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: temporal features (one row per pre-cutoff transaction)
  // ---------------------------------------------------------------------------------------------

  /**
   * Calendar-window features per transaction: for a transaction on day d, the 7-day window is the
   * user's transactions on days [d-6, d] and the 30-day window those on [d-29, d], whatever their
   * number (rangeBetween over a day number; rowsBetween would count rows, not days). Transactions
   * on the same day are all in each other's windows.
   *
   * <p>Only transactions strictly before the cutoff are kept, so nothing after it can feed a
   * feature. Rows without user_id or transaction_date cannot be placed on a user's timeline and are
   * left out here (they remain in bronze). A null amount counts as a transaction but adds nothing
   * to a sum or an average; a window whose amounts are all null has null spend (filled in
   * model_input).
   */
  public static Dataset<Row> temporalFeatures(Dataset<Row> bronze, LocalDate cutoff) {
    WindowSpec byDay = Window.partitionBy("user_id").orderBy(DAY);
    WindowSpec last7 = byDay.rangeBetween(-6, 0);
    WindowSpec last30 = byDay.rangeBetween(-29, 0);
    return bronze
        .filter(
            col("user_id")
                .isNotNull()
                .and(col("transaction_date").isNotNull())
                .and(col("transaction_date").lt(lit(cutoff))))
        .withColumn(DAY, datediff(col("transaction_date"), to_date(lit("1970-01-01"))))
        .withColumn("transaction_count_7d", count(lit(1)).over(last7))
        .withColumn("total_spend_7d", sum("amount").over(last7))
        .withColumn("avg_spend_7d", avg("amount").over(last7))
        .withColumn("transaction_count_30d", count(lit(1)).over(last30))
        .withColumn("total_spend_30d", sum("amount").over(last30));
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: user features (one row per user with pre-cutoff history)
  // ---------------------------------------------------------------------------------------------

  /**
   * Per-user aggregates over the pre-cutoff transactions (the output of {@link #temporalFeatures}),
   * day counts relative to the cutoff, the favorite category, and the calendar-window features of
   * the user's latest pre-cutoff transaction (all transactions of that day share the same values).
   *
   * <p>favorite_category: the most frequent non-null category; ties go to the higher spend in that
   * category, then to the alphabetically first name. Null when the user has no non-null category.
   * spend_std is the sample standard deviation: null with fewer than two non-null amounts.
   */
  public static Dataset<Row> userFeatures(Dataset<Row> temporal, LocalDate cutoff) {
    Column cutoffDate = lit(cutoff);
    Dataset<Row> aggregates =
        temporal
            .groupBy("user_id")
            .agg(
                count(lit(1)).as("total_transactions"),
                sum("amount").as("lifetime_spend"),
                avg("amount").as("avg_spend"),
                stddev_samp("amount").as("spend_std"),
                datediff(cutoffDate, min("transaction_date")).as("days_since_first_transaction"),
                datediff(cutoffDate, max("transaction_date")).as("days_since_last_transaction"),
                countDistinct("category").as("unique_categories"));

    Dataset<Row> favorite =
        temporal
            .filter(col("category").isNotNull())
            .groupBy("user_id", "category")
            .agg(count(lit(1)).as("n"), coalesce(sum("amount"), lit(0.0)).as("spend"))
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("user_id")
                            .orderBy(col("n").desc(), col("spend").desc(), col("category").asc())))
            .filter(col("rank").equalTo(1))
            .select(col("user_id"), col("category").as("favorite_category"));

    Dataset<Row> latest =
        temporal
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("user_id")
                            .orderBy(col(DAY).desc(), col("transaction_id").desc_nulls_last())))
            .filter(col("rank").equalTo(1))
            .select(
                "user_id",
                "transaction_count_7d",
                "total_spend_7d",
                "avg_spend_7d",
                "transaction_count_30d",
                "total_spend_30d");

    return aggregates
        .join(favorite, "user_id", "left")
        .join(latest, "user_id", "inner")
        .select("user_id", FEATURE_COLUMNS.toArray(String[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: churn label
  // ---------------------------------------------------------------------------------------------

  /**
   * churned (int) = 1 when the user has no transaction in the label window [cutoff, cutoff + 30
   * days), else 0. Only users present in {@code userFeatures} (that is, with at least one
   * transaction before the cutoff) are labeled; users first seen on or after the cutoff are
   * excluded, since there is nothing to predict from. The features come only from pre-cutoff data:
   * the label window is read from bronze here and nowhere else.
   */
  public static Dataset<Row> labelUsers(
      Dataset<Row> userFeatures, Dataset<Row> bronze, LocalDate cutoff) {
    Dataset<Row> activeInWindow =
        bronze
            .filter(
                col("user_id")
                    .isNotNull()
                    .and(col("transaction_date").geq(lit(cutoff)))
                    .and(col("transaction_date").lt(lit(cutoff.plusDays(LABEL_WINDOW_DAYS)))))
            .select("user_id")
            .distinct()
            .withColumn("active_in_label_window", lit(true));
    return userFeatures
        .join(activeInWindow, "user_id", "left")
        .withColumn(
            "churned", when(col("active_in_label_window").isNull(), lit(1)).otherwise(lit(0)))
        .drop("active_in_label_window");
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: model input (missing values)
  // ---------------------------------------------------------------------------------------------

  /**
   * Fills every null a labeled user can have, so the feature vector is complete:
   *
   * <ul>
   *   <li>spend_std null (fewer than two non-null amounts: a single-transaction user has no spread)
   *       → 0.0
   *   <li>lifetime_spend, avg_spend null (every pre-cutoff amount null: no observed spend) → 0.0
   *   <li>total_spend_7d, avg_spend_7d, total_spend_30d null (every amount in the window null) →
   *       0.0
   *   <li>favorite_category null (no non-null category) → "unknown"
   * </ul>
   *
   * The counts (total_transactions, unique_categories, transaction_count_*) and the day counts are
   * never null by construction (count, and rows without a date never reach the features).
   */
  public static Dataset<Row> handleMissingValues(Dataset<Row> labeled) {
    return labeled
        .withColumn("spend_std", coalesce(col("spend_std"), lit(0.0)))
        .withColumn("lifetime_spend", coalesce(col("lifetime_spend"), lit(0.0)))
        .withColumn("avg_spend", coalesce(col("avg_spend"), lit(0.0)))
        .withColumn("total_spend_7d", coalesce(col("total_spend_7d"), lit(0.0)))
        .withColumn("avg_spend_7d", coalesce(col("avg_spend_7d"), lit(0.0)))
        .withColumn("total_spend_30d", coalesce(col("total_spend_30d"), lit(0.0)))
        .withColumn("favorite_category", coalesce(col("favorite_category"), lit("unknown")));
  }

  // ---------------------------------------------------------------------------------------------
  // Stage: scaled features, train/test split
  // ---------------------------------------------------------------------------------------------

  /**
   * MLlib Pipeline: VectorAssembler over {@link #NUMERIC_FEATURES} into raw_features, then
   * StandardScaler (withMean, withStd) into features. The scaler is fitted on all labeled users,
   * before the split (as in the lesson this job comes from); a model-training job would fit it on
   * the train split only. The assembler rejects nulls (handleInvalid=error): model_input must have
   * none.
   */
  public static Dataset<Row> scaleFeatures(Dataset<Row> modelInput) {
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(NUMERIC_FEATURES)
            .setOutputCol("raw_features")
            .setHandleInvalid("error");
    StandardScaler scaler =
        new StandardScaler()
            .setInputCol("raw_features")
            .setOutputCol("features")
            .setWithMean(true)
            .setWithStd(true);
    PipelineModel model =
        new Pipeline().setStages(new PipelineStage[] {assembler, scaler}).fit(modelInput);
    return model.transform(modelInput);
  }

  /**
   * randomSplit(trainFraction, 1 - trainFraction) with a fixed seed, labeled in a split column
   * ("train"/"test"). Deterministic for the same input rows and partitioning (persist the input).
   */
  public static Dataset<Row> splitTrainTest(Dataset<Row> scaled, double trainFraction, long seed) {
    Dataset<Row>[] parts =
        scaled.randomSplit(new double[] {trainFraction, 1 - trainFraction}, seed);
    return parts[0]
        .withColumn("split", lit("train"))
        .unionByName(parts[1].withColumn("split", lit("test")));
  }
}
