package io.dqgate.spark.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator;
import io.dqgate.core.DqGate;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Lint;
import io.dqgate.rules.RuleParser;
import io.dqgate.rules.RuleSet;
import io.dqgate.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggested rules lint, and pass on the data they were suggested from (clean and with defects). */
class SuggesterTest {

  private static Path generate(Path dir, boolean defects) throws Exception {
    TransactionGenerator.Config config = new TransactionGenerator.Config();
    config.rows = 20_000;
    config.users = 1_000;
    config.seed = 7;
    config.output = dir.resolve("transactions.csv");
    if (defects) {
      config.withDefaultDefects();
      config.malformedRate = 0; // inferSchema would read a malformed amount as text
    }
    TransactionGenerator.generate(config);
    return config.output;
  }

  private static String suggestAndCheck(Path dir, boolean defects) throws Exception {
    String csv = generate(dir, defects).toAbsolutePath().toString();
    Dataset<Row> data = Suggester.read(SparkTestSession.get(), csv, null);
    String text =
        Suggester.suggest(data, Suggester.describe(csv, null), SuggestTarget.of(csv, null, null));

    Path file = dir.resolve("suggested.yaml");
    Files.writeString(file, text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        Lint.OK,
        Lint.run(List.of(file.toString()), new PrintStream(out), new PrintStream(err)),
        err.toString(StandardCharsets.UTF_8) + "\n" + text);

    RuleSet rules = new RuleSet(List.of(RuleParser.parse(file.toString(), text)));
    DatasetResult result = DqGate.evaluate(data, DatasetRef.path(csv), rules);
    assertTrue(result.outcomes().size() >= 10, text);
    for (Outcome o : result.outcomes()) {
      assertEquals(Status.PASS, o.status(), o.ruleId() + ": " + o.explanation() + "\n" + text);
    }
    return text;
  }

  @Test
  void cleanSampleData(@TempDir Path dir) throws Exception {
    String text = suggestAndCheck(dir, false);
    assertTrue(text.contains("- unique: {column: transaction_id}"), text);
    assertTrue(text.contains("- row_count: {min: 10000}"), text);
    assertTrue(
        text.contains("# transaction_id: no NULL in 20,000 rows; Deequ suggested isComplete"),
        text);
    assertTrue(
        text.contains("- allowed_values: {column: device_type, values: [mobile, desktop, tablet]}"),
        text);
    assertTrue(text.contains("- range: {column: amount, min: 0, max: "), text);
    assertTrue(text.contains("transaction_date: date"), text);
  }

  @Test
  void defectiveSampleDataGetsMarginsNotStrictRules(@TempDir Path dir) throws Exception {
    String text = suggestAndCheck(dir, true);
    // nulls injected at 2% (user_id) and 5% (amount): limits with a margin, the observed share in
    // the comment
    assertTrue(
        text.matches(
            "(?s).*# user_id: [0-9.]+% missing in 20,000 rows; Deequ suggested completeness >= 0\\.9[0-9]*\n"
                + "      - not_null: \\{column: user_id, max_fraction: 0\\.0[0-9]+\\}.*"),
        text);
    assertTrue(text.contains("NaN: dqgate counts NaN as missing, Deequ does not"), text);
    // duplicate rows: transaction_id is no longer unique, so no unique rule is suggested
    assertTrue(!text.contains("- unique: {column: transaction_id}"), text);
    // negative amounts injected: the range goes below 0, rounded outward
    assertTrue(
        text.matches("(?s).*- range: \\{column: amount, min: -[0-9]+, max: [0-9]+\\}.*"), text);
  }
}
