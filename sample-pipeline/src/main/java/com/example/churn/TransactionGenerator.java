package com.example.churn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic transactions CSV ({@code
 * transaction_id,user_id,transaction_date,amount,category, device_type}) for the churn job,
 * optionally with injected defects. Plain Java, single-threaded, deterministic: the same arguments
 * give a byte-identical file.
 *
 * <p>Shape of the clean data: user activity is Zipf-like (a few heavy users, a long tail), spend is
 * log-normal with a per-category level, each user has a preferred category and device, dates fall
 * in the 182 days ending {@value #END_DATE}, and about a third of the users stop transacting well
 * before the end (so a churn cutoff 30 days before the end sees both classes).
 *
 * <pre>
 *   --rows N --users U --seed S --output file.csv
 *   [--defects] [--null-rate COLUMN=F]... [--duplicate-rate F] [--out-of-range-rate F]
 *   [--unknown-category-rate F] [--hot-user-share F] [--malformed-rate F] [--new-user-share F]
 * </pre>
 *
 * <p>{@code --new-user-share F} makes that share of the users new: first seen in the last {@value
 * #NEW_USER_DAYS} days, after any churn cutoff, so the churn job has no history to build their
 * features from and leaves them out of user_features (users lost between stages). Not part of
 * {@code --defects}.
 */
public final class TransactionGenerator {
  public static final String END_DATE = "2024-06-30";
  public static final int DAYS = 182;
  public static final String HOT_USER = "user_hot";

  /** New users ({@code --new-user-share}) are first seen within this many days of the end. */
  public static final int NEW_USER_DAYS = 20;

  public static final String HEADER =
      "transaction_id,user_id,transaction_date,amount,category,device_type";
  public static final List<String> COLUMNS =
      List.of("transaction_id", "user_id", "transaction_date", "amount", "category", "device_type");
  public static final List<String> CATEGORIES =
      List.of(
          "grocery",
          "electronics",
          "fashion",
          "home",
          "sports",
          "travel",
          "entertainment",
          "health");
  public static final List<String> DEVICES = List.of("mobile", "desktop", "tablet");

  /** Categories outside the normal set (injected by --unknown-category-rate). */
  public static final List<String> UNKNOWN_CATEGORIES =
      List.of("crypto", "gambling", "misc", "GROCERY", "other");

  private static final double[] CATEGORY_WEIGHTS = {0.30, 0.10, 0.14, 0.12, 0.08, 0.05, 0.12, 0.09};

  /**
   * log-normal mu per category (median spend = e^mu): grocery ~33, electronics ~245, travel ~400.
   */
  private static final double[] CATEGORY_MU = {3.5, 5.5, 4.2, 4.4, 4.0, 6.0, 3.2, 3.6};

  private static final double SPEND_SIGMA = 0.8;
  private static final double[] DEVICE_WEIGHTS = {0.6, 0.3, 0.1};
  private static final double ZIPF_EXPONENT = 0.7;
  private static final double CHURNER_SHARE = 0.35;
  private static final int DUPLICATE_POOL = 1024;

  private TransactionGenerator() {}

  /** Generator settings. Rates are probabilities per output row. */
  public static final class Config {
    public long rows = -1;
    public int users = 10_000;
    public long seed = 42;
    public Path output;
    public final Map<String, Double> nullRates = new LinkedHashMap<>();
    public double duplicateRate;
    public double outOfRangeRate;
    public double unknownCategoryRate;
    public double hotUserShare;
    public double malformedRate;

    /** Share of users first seen in the last {@link #NEW_USER_DAYS} days (not in --defects). */
    public double newUserShare;

    /** The default defect set of {@code --defects}. */
    public Config withDefaultDefects() {
      nullRates.put("user_id", 0.02);
      nullRates.put("amount", 0.05);
      duplicateRate = 0.02;
      outOfRangeRate = 0.01;
      unknownCategoryRate = 0.03;
      hotUserShare = 0.3;
      malformedRate = 0.001;
      return this;
    }

    /** Parses command-line arguments; throws IllegalArgumentException with a one-line message. */
    public static Config parse(String[] args) {
      Config c = new Config();
      // --defects first, so explicit flags override its defaults whatever their position.
      if (Arrays.asList(args).contains("--defects")) {
        c.withDefaultDefects();
      }
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--defects")) {
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--rows" -> c.rows = parseLong(flag, value, 0);
          case "--users" -> c.users = (int) parseLong(flag, value, 1);
          case "--seed" -> c.seed = parseLong(flag, value, Long.MIN_VALUE);
          case "--output" -> c.output = Path.of(value);
          case "--null-rate" -> {
            int eq = value.indexOf('=');
            if (eq < 0) {
              throw new IllegalArgumentException(
                  "--null-rate expects COLUMN=FRACTION, got '" + value + "'");
            }
            String column = value.substring(0, eq);
            if (!COLUMNS.contains(column)) {
              throw new IllegalArgumentException(
                  "--null-rate: unknown column '" + column + "' (one of " + COLUMNS + ")");
            }
            c.nullRates.put(column, parseRate(flag, value.substring(eq + 1)));
          }
          case "--duplicate-rate" -> c.duplicateRate = parseRate(flag, value);
          case "--out-of-range-rate" -> c.outOfRangeRate = parseRate(flag, value);
          case "--unknown-category-rate" -> c.unknownCategoryRate = parseRate(flag, value);
          case "--hot-user-share" -> c.hotUserShare = parseRate(flag, value);
          case "--malformed-rate" -> c.malformedRate = parseRate(flag, value);
          case "--new-user-share" -> c.newUserShare = parseRate(flag, value);
          default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
        }
      }
      if (c.rows < 0) {
        throw new IllegalArgumentException("missing --rows");
      }
      if (c.output == null) {
        throw new IllegalArgumentException("missing --output");
      }
      return c;
    }

    private static long parseLong(String flag, String value, long min) {
      try {
        long v = Long.parseLong(value);
        if (v < min) {
          throw new IllegalArgumentException(flag + " must be >= " + min + ", got " + value);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " expects an integer, got '" + value + "'");
      }
    }

    private static double parseRate(String flag, String value) {
      try {
        double v = Double.parseDouble(value);
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException(flag + " must be within [0, 1], got " + value);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " expects a fraction, got '" + value + "'");
      }
    }
  }

  /** What was written, row by row kind (a row can carry several defects). */
  public record Stats(
      long rows,
      long duplicates,
      long malformed,
      long outOfRange,
      long unknownCategory,
      long hotUser,
      Map<String, Long> nulls) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "rows=%d duplicates=%d malformed=%d out_of_range=%d unknown_category=%d hot_user=%d nulls=%s",
          rows,
          duplicates,
          malformed,
          outOfRange,
          unknownCategory,
          hotUser,
          nulls);
    }
  }

  public static void main(String[] args) throws IOException {
    Config config;
    try {
      config = Config.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "TransactionGenerator: "
              + e.getMessage()
              + " (usage: --rows N --users U --seed S --output file.csv [--defects] [--null-rate COL=F]"
              + " [--duplicate-rate F] [--out-of-range-rate F] [--unknown-category-rate F]"
              + " [--hot-user-share F] [--malformed-rate F] [--new-user-share F])");
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Stats stats = generate(config);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "wrote %s in %.2f s (%.0f rows/s): %s%n",
        config.output,
        seconds,
        stats.rows() / Math.max(seconds, 1e-9),
        stats);
  }

  /** Writes the file described by {@code config}. */
  public static Stats generate(Config c) throws IOException {
    Path parent = c.output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(c.output), StandardCharsets.UTF_8),
            1 << 20)) {
      return generate(c, w);
    }
  }

  /** Writes the CSV (header first) to {@code out}. */
  public static Stats generate(Config c, Writer out) throws IOException {
    SplittableRandom root = new SplittableRandom(c.seed);
    SplittableRandom userRandom = root.split();
    SplittableRandom rnd = root.split();
    // Split after the others, so a clean file is byte-identical with or without this option.
    SplittableRandom newUserRandom = root.split();

    String[] dates = new String[DAYS];
    LocalDate end = LocalDate.parse(END_DATE);
    for (int d = 0; d < DAYS; d++) {
      dates[d] = end.minusDays(DAYS - 1 - d).toString();
    }

    // Users: id, activity weight (Zipf-like, heavy ranks shuffled over the ids), active span,
    // preferred category and device.
    int users = c.users;
    int idWidth = Math.max(6, Integer.toString(users).length());
    String[] userIds = new String[users];
    int[] firstDay = new int[users];
    int[] lastDay = new int[users];
    int[] favoriteCategory = new int[users];
    int[] favoriteDevice = new int[users];
    double[] cumulative = new double[users];
    int[] rank = new int[users];
    for (int u = 0; u < users; u++) {
      rank[u] = u + 1;
    }
    for (int u = users - 1; u > 0; u--) { // Fisher-Yates
      int j = userRandom.nextInt(u + 1);
      int t = rank[u];
      rank[u] = rank[j];
      rank[j] = t;
    }
    double total = 0;
    for (int u = 0; u < users; u++) {
      userIds[u] = "u" + zeroPad(u + 1, idWidth);
      total += Math.pow(rank[u], -ZIPF_EXPONENT);
      cumulative[u] = total;
      firstDay[u] = userRandom.nextInt(120); // first seen within the first ~4 months
      if (userRandom.nextDouble() < CHURNER_SHARE) {
        // Stops well before the end: at least 45 days before it, at least a week after first seen.
        int latestStop = DAYS - 46;
        int from = Math.min(firstDay[u] + 7, latestStop);
        lastDay[u] = from + userRandom.nextInt(latestStop - from + 1);
      } else {
        lastDay[u] = DAYS - 1;
      }
      favoriteCategory[u] = userRandom.nextDouble() < 0.5 ? pick(userRandom, CATEGORY_WEIGHTS) : -1;
      favoriteDevice[u] = pick(userRandom, DEVICE_WEIGHTS);
      if (c.newUserShare > 0 && newUserRandom.nextDouble() < c.newUserShare) {
        firstDay[u] = DAYS - NEW_USER_DAYS + newUserRandom.nextInt(NEW_USER_DAYS);
        lastDay[u] = DAYS - 1;
      }
    }

    double[] nullRate = new double[COLUMNS.size()];
    for (int i = 0; i < nullRate.length; i++) {
      nullRate[i] = c.nullRates.getOrDefault(COLUMNS.get(i), 0.0);
    }
    long[] nullCounts = new long[COLUMNS.size()];
    long duplicates = 0, malformed = 0, outOfRange = 0, unknownCategory = 0, hotUser = 0;

    String[] pool = new String[DUPLICATE_POOL];
    boolean[] poolMalformed = new boolean[DUPLICATE_POOL];
    int[] poolNullMask = new int[DUPLICATE_POOL];
    int[] poolFlags = new int[DUPLICATE_POOL];
    int poolSize = 0;
    int idWidthTx = Math.max(9, Long.toString(c.rows).length());

    out.write(HEADER);
    out.write('\n');
    StringBuilder line = new StringBuilder(128);
    String[] fields = new String[COLUMNS.size()];
    for (long r = 0; r < c.rows; r++) {
      if (poolSize > 0 && c.duplicateRate > 0 && rnd.nextDouble() < c.duplicateRate) {
        // An exact copy of a recent row (a double submit); it carries that row's defects too.
        int k = rnd.nextInt(poolSize);
        out.write(pool[k]);
        duplicates++;
        if (poolMalformed[k]) {
          malformed++;
        }
        for (int i = 0; i < nullCounts.length; i++) {
          if ((poolNullMask[k] & (1 << i)) != 0) {
            nullCounts[i]++;
          }
        }
        if ((poolFlags[k] & 1) != 0) outOfRange++;
        if ((poolFlags[k] & 2) != 0) unknownCategory++;
        if ((poolFlags[k] & 4) != 0) hotUser++;
        continue;
      }

      int flags = 0;
      boolean hot = c.hotUserShare > 0 && rnd.nextDouble() < c.hotUserShare;
      int u = -1;
      String userId;
      int day;
      if (hot) {
        userId = HOT_USER;
        day = rnd.nextInt(DAYS);
        flags |= 4;
      } else {
        u = pickCumulative(rnd, cumulative);
        userId = userIds[u];
        day = firstDay[u] + rnd.nextInt(lastDay[u] - firstDay[u] + 1);
      }
      int category =
          u >= 0 && favoriteCategory[u] >= 0 && rnd.nextDouble() < 0.6
              ? favoriteCategory[u]
              : pick(rnd, CATEGORY_WEIGHTS);
      int device =
          u >= 0 && rnd.nextDouble() < 0.75 ? favoriteDevice[u] : pick(rnd, DEVICE_WEIGHTS);
      long cents =
          Math.max(
              1,
              Math.round(Math.exp(CATEGORY_MU[category] + SPEND_SIGMA * rnd.nextGaussian()) * 100));

      if (c.outOfRangeRate > 0 && rnd.nextDouble() < c.outOfRangeRate) {
        flags |= 1;
        cents = rnd.nextBoolean() ? -cents : (10_000_000L + rnd.nextLong(40_000_000L)) * 100;
      }
      String categoryName = CATEGORIES.get(category);
      if (c.unknownCategoryRate > 0 && rnd.nextDouble() < c.unknownCategoryRate) {
        flags |= 2;
        categoryName = UNKNOWN_CATEGORIES.get(rnd.nextInt(UNKNOWN_CATEGORIES.size()));
      }

      fields[0] = "t" + zeroPad(r + 1, idWidthTx);
      fields[1] = userId;
      fields[2] = dates[day];
      fields[3] = formatCents(cents);
      fields[4] = categoryName;
      fields[5] = DEVICES.get(device);
      int nullMask = 0;
      for (int i = 0; i < fields.length; i++) {
        if (nullRate[i] > 0 && rnd.nextDouble() < nullRate[i]) {
          fields[i] = "";
          nullMask |= 1 << i;
          nullCounts[i]++;
        }
      }
      boolean bad = c.malformedRate > 0 && rnd.nextDouble() < c.malformedRate;
      if (bad) {
        malformed++;
        int column;
        switch (rnd.nextInt(3)) {
          case 0 -> fields[column = 2] = "not-a-date"; // a non-date in a date column
          case 1 -> fields[column = 3] = "12.34.56"; // a non-number in the amount column
          default -> fields[column = 5] = fields[5] + ",extra"; // one field too many
        }
        if ((nullMask & (1 << column)) != 0) { // the field is no longer empty
          nullMask &= ~(1 << column);
          nullCounts[column]--;
        }
      }
      if (flags != 0) {
        if ((flags & 1) != 0) outOfRange++;
        if ((flags & 2) != 0) unknownCategory++;
        if ((flags & 4) != 0) hotUser++;
      }

      line.setLength(0);
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(fields[i]);
      }
      line.append('\n');
      String text = line.toString();
      out.write(text);

      int slot = poolSize < DUPLICATE_POOL ? poolSize++ : rnd.nextInt(DUPLICATE_POOL);
      pool[slot] = text;
      poolMalformed[slot] = bad;
      poolNullMask[slot] = nullMask;
      poolFlags[slot] = flags;
    }

    Map<String, Long> nulls = new LinkedHashMap<>();
    for (int i = 0; i < nullCounts.length; i++) {
      if (nullCounts[i] > 0) {
        nulls.put(COLUMNS.get(i), nullCounts[i]);
      }
    }
    return new Stats(c.rows, duplicates, malformed, outOfRange, unknownCategory, hotUser, nulls);
  }

  private static int pick(SplittableRandom rnd, double[] weights) {
    double x = rnd.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static int pickCumulative(SplittableRandom rnd, double[] cumulative) {
    double x = rnd.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, x);
    int index = i >= 0 ? i + 1 : -i - 1;
    return Math.min(index, cumulative.length - 1);
  }

  private static String zeroPad(long value, int width) {
    String s = Long.toString(value);
    if (s.length() >= width) {
      return s;
    }
    return "0".repeat(width - s.length()) + s;
  }

  /** 1234 → "12.34", -5 → "-0.05". */
  static String formatCents(long cents) {
    long abs = Math.abs(cents);
    long fraction = abs % 100;
    return (cents < 0 ? "-" : "") + (abs / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
