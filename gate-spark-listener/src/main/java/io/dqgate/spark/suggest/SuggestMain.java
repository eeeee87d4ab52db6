package io.dqgate.spark.suggest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of {@code dqgate suggest}, run by SparkSubmit with the gate jar as the
 * application: {@code --data D --match path|view|stage [--format F] [--dataset N] [--out FILE]}.
 * Writes the rule file to {@code --out}, or to standard output.
 */
public final class SuggestMain {
  private SuggestMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String data = options.get("--data");
    SuggestTarget target = SuggestTarget.of(data, options.get("--dataset"), options.get("--match"));
    SparkSession spark = SparkSession.builder().appName("dqgate suggest").getOrCreate();
    try {
      String format = options.get("--format");
      String text =
          Suggester.suggest(
              Suggester.read(spark, data, format), Suggester.describe(data, format), target);
      String out = options.get("--out");
      if (out == null) {
        System.out.print(text);
      } else {
        Path file = Path.of(out);
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        System.err.println(
            "dqgate suggest: wrote " + file + "; review it, then: ./dqgate lint " + file);
      }
    } finally {
      spark.stop();
    }
  }
}
