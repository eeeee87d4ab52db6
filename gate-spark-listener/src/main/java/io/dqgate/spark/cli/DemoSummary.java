package io.dqgate.spark.cli;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.rules.Formats;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short summary the demo prints. */
final class DemoSummary {
  private DemoSummary() {}

  static void print(GateRun run, Path reportDir, int exit, PrintStream out) {
    long rules =
        run.datasets().stream().mapToLong(d -> d.outcomes().size()).sum()
            + run.stageOutcomes().size();
    out.println();
    out.printf(
        Locale.ROOT,
        "dqgate: %s (exit %d) — %d stages checked, %d rules: %d passed, %d warned, %d failed, %d errors%n",
        run.verdict(),
        exit,
        run.datasets().size(),
        rules,
        run.count(Status.PASS),
        run.count(Status.WARN),
        run.count(Status.FAIL),
        run.count(Status.ERROR));
    // Stages by the name the rule file gives them (DatasetId#title), not by their long paths.
    int width =
        Math.max(5, run.datasets().stream().mapToInt(d -> d.name().length()).max().orElse(5));
    String header = "  %-" + width + "s %12s %5s %5s %5s %5s  %s%n";
    String row = "  %-" + width + "s %12s %5d %5d %5d %5d  %s%n";
    out.printf(Locale.ROOT, header, "stage", "rows", "pass", "warn", "fail", "error", "");
    for (DatasetResult d : run.datasets()) {
      out.printf(
          Locale.ROOT,
          row,
          d.name(),
          d.rowCount() == null ? "-" : Formats.count(d.rowCount()),
          d.count(Status.PASS),
          d.count(Status.WARN),
          d.count(Status.FAIL),
          d.count(Status.ERROR),
          d.published() ? "" : "NOT PUBLISHED");
    }
    List<Outcome> failing = new ArrayList<>();
    run.datasets().forEach(d -> failing.addAll(d.failures()));
    run.stageOutcomes().stream().filter(o -> o.status() == Status.FAIL).forEach(failing::add);
    if (!failing.isEmpty()) {
      out.println("Failing rules:");
      for (Outcome o : failing) {
        out.println("  - " + o.ruleId() + ": " + o.explanation());
      }
    }
    for (String warning : run.warnings()) {
      out.println("Warning: " + warning);
    }
    out.println("Reports: " + reportDir.resolve("report.html") + " (also report.json, junit.xml)");
  }
}
