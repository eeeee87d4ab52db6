package io.dqgate.spark.suggest;

import io.dqgate.rules.RuleFileException;
import io.dqgate.rules.RuleParser;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dqgate suggest}: a first rule file for a dataset, from a Deequ profile of it. The file is
 * text in dqgate's rule language, checked with the same parser the gate and {@code dqgate lint}
 * use.
 */
public final class Suggester {
  private Suggester() {}

  /**
   * Reads {@code data}: {@code csv} with a header row and inferred column types, or {@code
   * parquet}; with {@code format} null, csv when the name ends in {@code .csv} (or {@code
   * .csv.gz}), else parquet.
   */
  public static Dataset<Row> read(SparkSession spark, String data, String format) {
    String f = format(data, format);
    return f.equals("csv")
        ? spark.read().option("header", "true").option("inferSchema", "true").csv(data)
        : spark.read().parquet(data);
  }

  /** How {@link #read} reads {@code data}, for the file's header. */
  public static String describe(String data, String format) {
    return data
        + (format(data, format).equals("csv")
            ? " (csv: header row, inferred types)"
            : " (parquet)");
  }

  static String format(String data, String format) {
    String f =
        format != null
            ? format.toLowerCase(Locale.ROOT)
            : data.toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.gz)?/?$") ? "csv" : "parquet";
    if (!f.equals("csv") && !f.equals("parquet")) {
      throw new IllegalArgumentException(
          "Cannot read format \""
              + format
              + "\" because suggest reads csv or parquet: use --format csv or --format parquet");
    }
    return f;
  }

  /**
   * The suggested rule file for {@code data}, described in its header as {@code source}.
   *
   * @throws IllegalStateException if the text is not a valid rule file (a bug: every suggestion
   *     must lint)
   */
  public static String suggest(Dataset<Row> data, String source, SuggestTarget target) {
    String text = RuleFileWriter.write(Profiler.profile(data, source), target);
    try {
      RuleParser.parse("suggested rules for " + source, text);
    } catch (RuleFileException e) {
      throw new IllegalStateException(
          "Cannot suggest rules because the generated file does not lint: "
              + e.problems().stream().map(Object::toString).collect(Collectors.joining("; "))
              + "\n"
              + text,
          e);
    }
    return text;
  }
}
