package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dqgate's messages as a person meets them in {@code spark-shell -i script.scala}: the real REPL
 * (spark-repl 3.5.7) run by SparkSubmit with the gate attached by --jars and --conf. A rejection is
 * printed once (Spark's own "Aborting job" log of the exception and dqgate's per-rule log lines
 * used to repeat it); a configuration error ends the shell with exit 2 instead of 0.
 */
class ShellMessagesIT {
  private static final String RULES =
      "datasets:\n"
          + "  - name: shell_outputs\n"
          + "    match: {path: \"e2e/*\"}\n"
          + "    checks:\n"
          + "      - range: {column: amount, min: 0, max: 100}\n";

  @TempDir static Path work;

  private static SparkSubmitRunner.Result shell(String name, String scala, String... confs)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Path rules = SparkSubmitRunner.writeRules(dir, "rules.yaml", RULES);
    Path script =
        Files.writeString(dir.resolve("script.scala"), scala.replace("BASE", dir.toString()));
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "spark.dqgate.rules=" + rules, "spark.dqgate.reportDir=" + dir.resolve("report")));
    all.addAll(List.of(confs));
    SparkSubmitRunner.Result r = SparkSubmitRunner.shell(dir, all, script);
    Files.writeString(dir.resolve("shell.log"), r.output());
    assertTrue(r.output().contains("Spark session available as 'spark'"), r.output());
    return r;
  }

  private static long occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1L;
  }

  @Test
  void aRejectionIsPrintedOnce() throws Exception {
    SparkSubmitRunner.Result r =
        shell(
            "reject",
            "spark.sql(\"SELECT id, CAST(id AS DOUBLE) AS amount FROM range(0, 500, 1, 4)\")"
                + ".write.mode(\"overwrite\").parquet(\"BASE/e2e/out\")\n");
    assertEquals(3, r.exitCode(), r.output());
    Path out = work.resolve("reject/e2e/out");
    String header =
        "dqgate rejected path "
            + out
            + " (rules \"shell_outputs\"): 1 fail rule was breached; nothing was published and"
            + " the data at "
            + out
            + " is unchanged.";
    String rule =
        "shell_outputs.range.amount: amount: 399 of 500 rows (79.8%) are outside [0, 100]";
    assertEquals(1, occurrences(r.output(), header), r.output());
    assertEquals(1, occurrences(r.output(), rule), r.output());
    assertTrue(
        r.output().contains(header + "\n  - " + rule), "one paragraph, rule under its header");
    assertFalse(r.output().contains("Aborting job"), r.output());
    assertTrue(
        r.output().contains("dqgate: exiting with code 3 (a fail rule was breached)"), r.output());
    assertFalse(Files.exists(out), "nothing was published");
  }

  @Test
  void aConfigurationErrorEndsTheShellWithExit2() throws Exception {
    SparkSubmitRunner.Result r =
        shell(
            "conf",
            "spark.range(10).write.parquet(\"BASE/e2e/out\")\nprintln(\"SCRIPT-ENDED\")\n",
            "spark.dqgate.mode=bogus");
    String error = "spark.dqgate.mode=bogus is not valid: use one of enforce, observe, off";
    assertEquals(2, r.exitCode(), r.output());
    assertEquals(1, occurrences(r.output(), error), r.output());
    assertTrue(
        r.output()
            .contains(
                "Cannot start dqgate because of its configuration: spark.dqgate.mode=bogus is not"
                    + " valid"),
        r.output());
    assertTrue(
        r.output()
            .contains(
                "dqgate: exiting with code 2 (dqgate could not start because of its"
                    + " configuration; see the error above)"),
        r.output());
    assertFalse(Files.exists(work.resolve("conf/e2e/out")), "no write ran without its gate");
  }
}
