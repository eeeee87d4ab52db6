package com.example.churn;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.ChurnFeatureJob.Options;
import com.example.churn.ChurnFeatureJob.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on generated data with every defect switched on. */
class ChurnFeatureJobTest {
  @TempDir static Path dir;
  private static Path output;
  private static TransactionGenerator.Stats generated;
  private static Summary summary;

  @BeforeAll
  static void runJob() throws IOException {
    TransactionGenerator.Config config = new TransactionGenerator.Config().withDefaultDefects();
    config.rows = 6000;
    config.users = 400;
    config.seed = 7;
    config.malformedRate = 0.01;
    config.output = dir.resolve("transactions.csv");
    generated = TransactionGenerator.generate(config);
    output = dir.resolve("out");
    summary =
        ChurnFeatureJob.run(
            Fixtures.spark(),
            new Options(config.output.toString(), output.toString(), Optional.empty()));
  }

  @Test
  void everyStageIsANamedView() {
    SparkSession spark = Fixtures.spark();
    List<String> views =
        List.of(
            "rejected_rows",
            "bronze_transactions",
            "temporal_features",
            "user_features",
            "labeled_users",
            "model_input",
            "scaled_features",
            "features");
    for (String view : views) {
      assertTrue(spark.catalog().tableExists(view), view);
    }
    assertEquals(views, List.copyOf(summary.rowsPerView().keySet()));
  }

  @Test
  void malformedRowsAreCountedIntoRejectsNotDropped() {
    Map<String, Long> rows = summary.rowsPerView();
    assertTrue(generated.malformed() > 20, "fixture has malformed rows: " + generated);
    assertEquals(generated.malformed(), rows.get("rejected_rows"));
    assertEquals(generated.rows(), rows.get("bronze_transactions") + rows.get("rejected_rows"));
    Dataset<Row> rejects = Fixtures.spark().read().parquet(output.resolve("rejects").toString());
    assertEquals(generated.malformed(), rejects.count());
    assertEquals(0, rejects.filter(col("raw_record").isNull()).count());
    assertEquals(
        generated.rows() - generated.malformed(),
        Fixtures.spark().read().parquet(output.resolve("bronze").toString()).count());
  }

  @Test
  void defaultCutoffIsMaxDateMinus30Days() {
    assertEquals(LocalDate.parse("2024-05-31"), summary.cutoff());
  }

  @Test
  void labelsHaveBothClassesAndStagesLineUp() {
    Map<String, Long> rows = summary.rowsPerView();
    long users = rows.get("user_features");
    assertTrue(users > 100, "users " + users);
    assertEquals(users, rows.get("labeled_users"));
    assertEquals(users, rows.get("model_input"));
    assertEquals(users, rows.get("scaled_features"));
    assertEquals(users, rows.get("features"));
    List<Row> classes =
        Fixtures.spark()
            .table("labeled_users")
            .groupBy("churned")
            .count()
            .orderBy("churned")
            .collectAsList();
    assertEquals(2, classes.size(), "both classes: " + classes);
    assertTrue(summary.render().contains("bronze_transactions"));
  }

  @Test
  void featuresArePartitionedBySplit() throws IOException {
    Path features = output.resolve("features");
    assertTrue(Files.exists(features.resolve("_SUCCESS")));
    Set<String> partitions;
    try (Stream<Path> children = Files.list(features)) {
      partitions =
          children
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .collect(Collectors.toSet());
    }
    assertEquals(Set.of("split=train", "split=test"), partitions);
    for (String partition : partitions) {
      try (Stream<Path> files = Files.list(features.resolve(partition))) {
        assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")), partition);
      }
    }
    Dataset<Row> written = Fixtures.spark().read().parquet(features.toString());
    assertEquals(summary.rowsPerView().get("features"), written.count());
    double train = written.filter(col("split").equalTo("train")).count() / (double) written.count();
    assertTrue(train > 0.7 && train < 0.9, "train share " + train);
    assertTrue(
        List.of(written.columns()).containsAll(List.of("user_id", "features", "churned", "split")));
    for (String path : List.of("bronze", "rejects", "user_features")) {
      assertTrue(Files.exists(output.resolve(path).resolve("_SUCCESS")), path);
    }
  }

  @Test
  void eachKindOfMalformedLineIsRejected() throws IOException {
    Path csv = dir.resolve("handwritten.csv");
    Files.writeString(
        csv,
        String.join(
                "\n",
                "transaction_id,user_id,transaction_date,amount,category,device_type",
                "t1,u1,2024-01-01,10.00,grocery,mobile",
                "t2,u1,not-a-date,10.00,grocery,mobile",
                "t3,u1,2024-01-02,12.34.56,grocery,mobile",
                "t4,u1,2024-01-03,10.00,grocery,mobile,extra",
                "t5,u1,2024-01-04,10.00,grocery",
                "t6,,2024-01-05,,,",
                "t7,u2,2024-13-01,10.00,grocery,mobile",
                "")
            + "\n");
    Dataset<Row> parsed =
        ChurnFeatureJob.readTransactions(Fixtures.spark(), csv.toString()).cache();
    try {
      Set<String> rejected =
          ChurnFeatureJob.rejectedRows(parsed).collectAsList().stream()
              .map(r -> r.getString(0).substring(0, 2))
              .collect(Collectors.toSet());
      assertEquals(Set.of("t2", "t3", "t4", "t5", "t7"), rejected);
      Set<String> bronze =
          ChurnFeatureJob.bronze(parsed).collectAsList().stream()
              .map(r -> r.getString(0))
              .collect(Collectors.toSet());
      assertEquals(Set.of("t1", "t6"), bronze, "empty fields are nulls, not malformed");
    } finally {
      parsed.unpersist();
    }
  }

  @Test
  void badArgumentsGiveOneLineMessages() {
    assertEquals(
        "missing --input",
        assertThrows(
                IllegalArgumentException.class, () -> Options.parse(new String[] {"--output", "o"}))
            .getMessage());
    assertEquals(
        "cannot parse --cutoff '2024-02-30': expected yyyy-MM-dd",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Options.parse(
                        new String[] {"--input", "i", "--output", "o", "--cutoff", "2024-02-30"}))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--input"}));
    assertThrows(
        IllegalArgumentException.class, () -> Options.parse(new String[] {"--inptu", "x"}));
    Options ok =
        Options.parse(new String[] {"--input", "i", "--output", "o", "--cutoff", "2024-05-01"});
    assertEquals(Optional.of(LocalDate.parse("2024-05-01")), ok.cutoff());
  }

  @Test
  void mainExitsNonZeroWithOneLineOnBadArguments() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChurnFeatureJob.class.getName(),
                "--input",
                "x.csv",
                "--output",
                "out",
                "--cutoff",
                "yesterday")
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(2, p.waitFor());
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("ChurnFeatureJob: cannot parse --cutoff 'yesterday'"), text);
  }
}
