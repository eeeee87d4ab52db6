package io.dqgate.spark.cli;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Status;
import io.dqgate.reports.Reports;
import io.dqgate.rules.Formats;
import io.dqgate.rules.Lint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code ./dqgate} command. Runs on the gate jar plus a Spark classpath; jobs it starts run in a
 * fresh {@code SparkSubmit} JVM with the gate attached by {@code --jars} and {@code --conf} only.
 */
@Command(
    name = "dqgate",
    mixinStandardHelpOptions = true,
    version = "dqgate 0.1.0",
    description = "Data-quality and lineage gate for Spark 3.5 jobs.",
    subcommands = {
      DqGateCli.LintCommand.class,
      DqGateCli.SubmitCommand.class,
      DqGateCli.DemoCommand.class,
      DqGateCli.ReportCommand.class,
      SuggestCommand.class
    })
public final class DqGateCli implements Callable<Integer> {
  static final String EXTENSIONS = "io.dqgate.spark.DqGateExtensions";

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static int fail(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String message = e instanceof java.nio.file.NoSuchFileException missing
        ? "cannot read " + missing.getFile() + " because it does not exist"
        : e.getMessage();
    cmd.getErr().println("dqgate " + cmd.getCommandName() + ": " + message);
    return 2;
  }

  /** The command line with dqgate's error handling, for main and tests. */
  static CommandLine commandLine() {
    return new CommandLine(new DqGateCli()).setExecutionExceptionHandler(DqGateCli::fail);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 2;
  }

  @Command(name = "lint", description = "Validate rule files: exit 0 if all are valid, 2 with FILE:LINE:COL errors otherwise.")
  static final class LintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Rule files (YAML or JSON).")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
      return Lint.run(files, System.out, System.err);
    }
  }

  @Command(
      name = "submit",
      description = "Run a Spark application through SparkSubmit with the gate attached: dqgate submit --rules F -- --class C app.jar args")
  static final class SubmitCommand implements Callable<Integer> {
    @Option(names = "--rules", required = true, split = ",", description = "Rule files (repeatable or comma-separated).")
    List<String> rules;

    @Option(names = "--mode", defaultValue = "enforce", description = "enforce | observe | off (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--report-dir", defaultValue = "dqgate-report", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--conf", description = "Extra Spark conf key=value (repeatable).")
    List<String> confs = new ArrayList<>();

    @Parameters(paramLabel = "SPARK-SUBMIT-ARGS", description = "Everything after --: --class, the app jar, its arguments.")
    List<String> sparkArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return Submit.run(master, gateConfs(rules, mode, reportDir, confs), sparkArgs);
    }
  }

  @Command(name = "demo", description = "Generate transactions, run the churn feature pipeline gated, print the verdict.")
  static final class DemoCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "100000", description = "Transactions to generate (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--users", defaultValue = "0", description = "Users (default: rows / 20).")
    long users;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--defects", description = "Inject defects (nulls, duplicates, out-of-range amounts, unknown categories, a hot user).")
    boolean defects;

    @Option(names = "--input", description = "Run on this CSV instead of generated data.")
    Path input;

    @Option(names = "--out", defaultValue = "out/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rules", description = "Rule file (default: sample-pipeline/rules/churn.yaml).")
    Path rules;

    @Option(names = "--mode", defaultValue = "enforce", description = "enforce | observe (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--conf", description = "Extra Spark conf key=value passed through (e.g. spark.openlineage.*).")
    List<String> confs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      Path home = Submit.home();
      Path appJar = Submit.sampleJar(home);
      Path rulesFile = rules != null ? rules : home.resolve("sample-pipeline/rules/churn.yaml");
      Files.createDirectories(out);
      Path csv = input;
      if (csv == null) {
        csv = out.resolve("data/transactions.csv");
        Files.createDirectories(csv.getParent());
        List<String> args = new ArrayList<>(List.of(
            "--rows", Long.toString(rows), "--users", Long.toString(users > 0 ? users : Math.max(1, rows / 20)),
            "--seed", Long.toString(seed), "--output", csv.toString()));
        if (defects) {
          args.add("--defects");
        }
        int generated = Submit.java(List.of(appJar.toString()), "com.example.churn.TransactionGenerator", args);
        if (generated != 0) {
          System.err.println("dqgate demo: the data generator failed (exit " + generated + ")");
          return generated;
        }
      }
      Path reportDir = out.resolve("report");
      Path output = out.resolve("output");
      List<String> sparkArgs = new ArrayList<>(List.of(
          "--class", "com.example.churn.ChurnFeatureJob", appJar.toString(),
          "--input", csv.toAbsolutePath().toString(), "--output", output.toAbsolutePath().toString()));
      System.out.println("dqgate demo: running the churn pipeline on " + csv + " with the gate attached (" + mode + ")");
      List<String> sparkConfs = new ArrayList<>();
      if (confs.stream().noneMatch(c -> c.startsWith("spark.log.level="))) {
        sparkConfs.add("spark.log.level=WARN"); // the demo's output is the gate's summary, not Spark's INFO log
      }
      sparkConfs.addAll(confs);
      int exit = Submit.run("local[2]", gateConfs(List.of(rulesFile.toString()), mode, reportDir, sparkConfs), sparkArgs);
      Path json = reportDir.resolve("report.json");
      if (Files.exists(json)) {
        Summary.print(Reports.readJson(json), reportDir, exit, System.out);
      } else {
        System.out.println("dqgate demo: no report was written (exit " + exit + "); see the log above.");
      }
      return exit;
    }
  }

  @Command(name = "report", description = "Re-render the HTML report from a report.json.")
  static final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT_JSON")
    Path json;

    @Option(names = "--html", description = "Output HTML file (default: report.html next to the JSON).")
    Path html;

    @Override
    public Integer call() throws IOException {
      GateRun run = Reports.readJson(json);
      Path target = html != null ? html : json.toAbsolutePath().getParent().resolve("report.html");
      Files.writeString(target, Reports.renderHtml(run), StandardCharsets.UTF_8);
      System.out.println("dqgate report: " + target);
      return 0;
    }
  }

  static List<String> gateConfs(List<String> rules, String mode, Path reportDir, List<String> extra) {
    List<String> confs = new ArrayList<>();
    confs.add("spark.sql.extensions=" + EXTENSIONS);
    confs.add("spark.dqgate.rules=" + String.join(",", rules.stream().map(r -> Path.of(r).toAbsolutePath().toString()).toList()));
    confs.add("spark.dqgate.mode=" + mode.toLowerCase(Locale.ROOT));
    confs.add("spark.dqgate.reportDir=" + reportDir.toAbsolutePath());
    confs.addAll(extra);
    return confs;
  }

  /** Starting SparkSubmit and plain Java programs in child JVMs. */
  static final class Submit {
    private Submit() {}

    static Path home() {
      String home = System.getProperty("dqgate.home");
      return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    static Path gateJar() throws URISyntaxException {
      return Path.of(DqGateCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static Path sampleJar(Path home) throws IOException {
      try (var files = Files.list(home.resolve("sample-pipeline/target"))) {
        return files
            .filter(p -> p.getFileName().toString().matches("dqgate-sample-pipeline-.*\\.jar"))
            .filter(p -> !p.getFileName().toString().contains("tests"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(
                "Cannot find the sample pipeline jar in sample-pipeline/target: run mvn -B -DskipTests package"));
      }
    }

    static String sparkClasspath() throws IOException {
      Path file = Path.of(System.getProperty("dqgate.sparkClasspath", home().resolve("sample-pipeline/target/spark-classpath.txt").toString()));
      if (!Files.exists(file)) {
        throw new IllegalStateException("Cannot find the Spark classpath file " + file + ": run mvn -B -DskipTests package");
      }
      return Files.readString(file).trim();
    }

    static List<String> jvmFlags() throws IOException {
      try (InputStream in = DqGateCli.class.getResourceAsStream("jvm-flags.txt")) {
        return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
      }
    }

    static int run(String master, List<String> confs, List<String> sparkArgs) throws Exception {
      List<String> args = new ArrayList<>(List.of("--master", master, "--jars", gateJar().toString()));
      for (String conf : List.of(
          "spark.ui.enabled=false", "spark.driver.host=127.0.0.1", "spark.driver.bindAddress=127.0.0.1")) {
        args.addAll(List.of("--conf", conf));
      }
      for (String conf : confs) {
        args.addAll(List.of("--conf", conf));
      }
      args.addAll(sparkArgs);
      return java(List.of(sparkClasspath()), "org.apache.spark.deploy.SparkSubmit", args);
    }

    static int java(List<String> classpath, String mainClass, List<String> args) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + System.getProperty("dqgate.driverMemory", "2g"));
      command.addAll(jvmFlags());
      command.add("-cp");
      command.add(String.join(java.io.File.pathSeparator, classpath));
      command.add(mainClass);
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
      return builder.start().waitFor();
    }
  }

  /** The short summary the demo prints. */
  static final class Summary {
    private Summary() {}

    static void print(GateRun run, Path reportDir, int exit, PrintStream out) {
      long rules = run.datasets().stream().mapToLong(d -> d.outcomes().size()).sum() + run.stageOutcomes().size();
      out.println();
      out.printf(Locale.ROOT, "dqgate: %s (exit %d) — %d stages checked, %d rules: %d passed, %d warned, %d failed, %d errors%n",
          run.verdict(), exit, run.datasets().size(), rules, run.count(Status.PASS), run.count(Status.WARN),
          run.count(Status.FAIL), run.count(Status.ERROR));
      int width = Math.max(5, run.datasets().stream().mapToInt(d -> d.ref().toString().length()).max().orElse(5));
      String header = "  %-" + width + "s %12s %5s %5s %5s %5s  %s%n";
      String row = "  %-" + width + "s %12s %5d %5d %5d %5d  %s%n";
      out.printf(Locale.ROOT, header, "stage", "rows", "pass", "warn", "fail", "error", "");
      for (DatasetResult d : run.datasets()) {
        out.printf(Locale.ROOT, row, d.ref().toString(),
            d.rowCount() == null ? "-" : Formats.count(d.rowCount()), d.count(Status.PASS), d.count(Status.WARN),
            d.count(Status.FAIL), d.count(Status.ERROR), d.published() ? "" : "NOT PUBLISHED");
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
}
