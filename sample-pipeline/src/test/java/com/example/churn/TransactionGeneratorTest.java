package com.example.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.churn.TransactionGenerator.Config;
import com.example.churn.TransactionGenerator.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionGeneratorTest {
  @TempDir Path dir;

  private Path generate(String name, String... args) throws IOException {
    Path file = dir.resolve(name);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--output";
    all[args.length + 1] = file.toString();
    TransactionGenerator.generate(Config.parse(all));
    return file;
  }

  @Test
  void sameArgumentsGiveByteIdenticalFiles() throws IOException {
    String[] args = {"--rows", "20000", "--users", "500", "--seed", "11", "--defects"};
    Path a = generate("a.csv", args);
    Path b = generate("b.csv", args);
    assertEquals(-1, Files.mismatch(a, b));
    Path c = generate("c.csv", "--rows", "20000", "--users", "500", "--seed", "12", "--defects");
    assertNotEquals(-1, Files.mismatch(a, c));
  }

  @Test
  void rowCountIsExactWithAndWithoutDefects() throws IOException {
    for (String[] args :
        List.of(
            new String[] {"--rows", "12345", "--users", "100", "--seed", "1"},
            new String[] {
              "--rows",
              "12345",
              "--users",
              "100",
              "--seed",
              "1",
              "--defects",
              "--duplicate-rate",
              "0.2"
            },
            new String[] {"--rows", "0", "--users", "10", "--seed", "1"})) {
      List<String> lines = Files.readAllLines(generate("rows.csv", args));
      assertEquals(TransactionGenerator.HEADER, lines.get(0));
      assertEquals(Long.parseLong(args[1]), lines.size() - 1L, String.join(" ", args));
    }
  }

  @Test
  void cleanDataHasNoDefectsAndBothChurnShapes() throws IOException {
    List<String> lines =
        Files.readAllLines(
            generate("clean.csv", "--rows", "50000", "--users", "2000", "--seed", "3"));
    Map<String, String> lastDateByUser = new HashMap<>();
    Set<String> ids = new HashSet<>();
    String maxDate = "";
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(6, f.length, line);
      for (String field : f) {
        assertTrue(!field.isEmpty(), line);
      }
      assertTrue(ids.add(f[0]), "unique transaction_id " + line);
      assertTrue(f[2].compareTo("2024-01-01") >= 0 && f[2].compareTo("2024-06-30") <= 0, line);
      double amount = Double.parseDouble(f[3]);
      assertTrue(amount > 0 && amount < 1e6, line);
      assertTrue(TransactionGenerator.CATEGORIES.contains(f[4]), line);
      assertTrue(TransactionGenerator.DEVICES.contains(f[5]), line);
      lastDateByUser.merge(f[1], f[2], (x, y) -> x.compareTo(y) >= 0 ? x : y);
      maxDate = maxDate.compareTo(f[2]) >= 0 ? maxDate : f[2];
    }
    assertEquals("2024-06-30", maxDate);
    long stoppedEarly =
        lastDateByUser.values().stream().filter(d -> d.compareTo("2024-05-16") < 0).count();
    double share = stoppedEarly / (double) lastDateByUser.size();
    assertTrue(share > 0.2 && share < 0.6, "users who stop before mid-May: " + share);
    assertTrue(!lastDateByUser.containsKey(TransactionGenerator.HOT_USER));
  }

  @Test
  void defectRatesAreRoughlyAsAsked() throws IOException {
    int rows = 100_000;
    Path file =
        generate(
            "defects.csv",
            "--rows",
            String.valueOf(rows),
            "--users",
            "1000",
            "--seed",
            "5",
            "--null-rate",
            "user_id=0.02",
            "--null-rate",
            "amount=0.05",
            "--duplicate-rate",
            "0.04",
            "--out-of-range-rate",
            "0.01",
            "--unknown-category-rate",
            "0.03",
            "--hot-user-share",
            "0.3",
            "--malformed-rate",
            "0.01");
    List<String> lines = Files.readAllLines(file);
    long nullUser = 0,
        nullAmount = 0,
        duplicates = 0,
        outOfRange = 0,
        unknown = 0,
        hot = 0,
        malformed = 0;
    Set<String> seen = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!seen.add(line)) {
        duplicates++;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6 || f[2].equals("not-a-date") || f[3].equals("12.34.56")) {
        malformed++;
        continue;
      }
      nullUser += f[1].isEmpty() ? 1 : 0;
      nullAmount += f[3].isEmpty() ? 1 : 0;
      hot += f[1].equals(TransactionGenerator.HOT_USER) ? 1 : 0;
      unknown += TransactionGenerator.CATEGORIES.contains(f[4]) ? 0 : 1;
      if (!f[3].isEmpty()) {
        double amount = Double.parseDouble(f[3]);
        outOfRange += amount < 0 || amount >= 1e7 ? 1 : 0;
      }
    }
    assertRate(0.02 * 0.98, nullUser, rows, "null user_id"); // hot rows can have a null user_id too
    assertRate(0.05, nullAmount, rows, "null amount");
    assertRate(0.04, duplicates, rows, "duplicates");
    assertRate(0.01, outOfRange, rows, "out of range");
    assertRate(0.03, unknown, rows, "unknown category");
    assertRate(0.3 * 0.98, hot, rows, "hot user");
    assertRate(0.01, malformed, rows, "malformed");

    Stats stats =
        TransactionGenerator.generate(
            Config.parse(
                new String[] {
                  "--rows",
                  String.valueOf(rows),
                  "--users",
                  "1000",
                  "--seed",
                  "5",
                  "--null-rate",
                  "user_id=0.02",
                  "--null-rate",
                  "amount=0.05",
                  "--duplicate-rate",
                  "0.04",
                  "--out-of-range-rate",
                  "0.01",
                  "--unknown-category-rate",
                  "0.03",
                  "--hot-user-share",
                  "0.3",
                  "--malformed-rate",
                  "0.01",
                  "--output",
                  dir.resolve("again.csv").toString()
                }));
    assertEquals(malformed, stats.malformed(), "stats agree with the file");
    assertEquals(duplicates, stats.duplicates());
  }

  private static void assertRate(double expected, long count, int rows, String what) {
    double actual = count / (double) rows;
    assertTrue(
        Math.abs(actual - expected) <= 0.15 * expected + 0.002,
        what + ": expected ~" + expected + ", got " + actual);
  }

  @Test
  void newUsersAreFirstSeenAfterTheDefaultCutoff() throws IOException {
    String[] base = {"--rows", "20000", "--users", "1000", "--seed", "7"};
    Path clean = generate("clean.csv", base);
    Path none = generate("none.csv", concat(base, "--new-user-share", "0"));
    assertEquals(-1, Files.mismatch(clean, none), "share 0 leaves the file unchanged");
    Path shifted = generate("new.csv", concat(base, "--new-user-share", "0.2"));
    String cutoff =
        java.time.LocalDate.parse(TransactionGenerator.END_DATE)
            .minusDays(ChurnFeatureJob.LABEL_WINDOW_DAYS)
            .toString();
    double cleanShare = lateUserShare(clean, cutoff);
    double newShare = lateUserShare(shifted, cutoff);
    assertTrue(cleanShare < 0.01, "clean users have pre-cutoff history: " + cleanShare);
    assertTrue(newShare > 0.15 && newShare < 0.25, "about 20% of users are new: " + newShare);
  }

  /** The share of users whose first transaction is on or after {@code cutoff}. */
  private static double lateUserShare(Path csv, String cutoff) throws IOException {
    Map<String, String> first = new HashMap<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] f = line.split(",", -1);
      first.merge(f[1], f[2], (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    long late = first.values().stream().filter(d -> d.compareTo(cutoff) >= 0).count();
    return late / (double) first.size();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void defectsFlagSetsDefaultsThatExplicitFlagsOverride() {
    Config c =
        Config.parse(
            new String[] {"--malformed-rate", "0", "--rows", "1", "--output", "x", "--defects"});
    assertEquals(0.0, c.malformedRate);
    assertEquals(0.3, c.hotUserShare);
    assertEquals(Map.of("user_id", 0.02, "amount", 0.05), c.nullRates);
    assertEquals(0.02, c.duplicateRate);
    assertEquals(0.01, c.outOfRangeRate);
    assertEquals(0.03, c.unknownCategoryRate);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Config.parse(new String[] {"--output", "x"}));
    assertThrows(IllegalArgumentException.class, () -> Config.parse(new String[] {"--rows", "1"}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Config.parse(
                new String[] {"--rows", "1", "--output", "x", "--null-rate", "colour=0.1"}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Config.parse(new String[] {"--rows", "1", "--output", "x", "--duplicate-rate", "1.5"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Config.parse(new String[] {"--rows", "many", "--output", "x"}));
  }

  @Test
  void formatsCents() {
    assertEquals("12.34", TransactionGenerator.formatCents(1234));
    assertEquals("0.05", TransactionGenerator.formatCents(5));
    assertEquals("-0.50", TransactionGenerator.formatCents(-50));
    assertEquals("10000000.00", TransactionGenerator.formatCents(1_000_000_000L));
  }
}
