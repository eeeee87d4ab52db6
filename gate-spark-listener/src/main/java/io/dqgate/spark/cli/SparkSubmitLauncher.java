package io.dqgate.spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Starting SparkSubmit and plain Java programs in child JVMs. */
final class SparkSubmitLauncher {
  static final String EXTENSIONS = "io.dqgate.spark.DqGateExtensions";

  private SparkSubmitLauncher() {}

  static List<String> gateConfs(
      List<String> rules, String mode, Path reportDir, List<String> extra) {
    List<String> confs = new ArrayList<>();
    confs.add("spark.sql.extensions=" + EXTENSIONS);
    confs.add(
        "spark.dqgate.rules="
            + String.join(
                ",", rules.stream().map(r -> Path.of(r).toAbsolutePath().toString()).toList()));
    confs.add("spark.dqgate.mode=" + mode.toLowerCase(Locale.ROOT));
    confs.add("spark.dqgate.reportDir=" + reportDir.toAbsolutePath());
    confs.addAll(extra);
    return confs;
  }

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
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "Cannot find the sample pipeline jar in sample-pipeline/target: run mvn -B -DskipTests package"));
    }
  }

  static String sparkClasspath() throws IOException {
    Path file =
        Path.of(
            System.getProperty(
                "dqgate.sparkClasspath",
                home().resolve("sample-pipeline/target/spark-classpath.txt").toString()));
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "Cannot find the Spark classpath file " + file + ": run mvn -B -DskipTests package");
    }
    return Files.readString(file).trim();
  }

  static List<String> jvmFlags() throws IOException {
    try (InputStream in = DqGateCli.class.getResourceAsStream("jvm-flags.txt")) {
      return Arrays.asList(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
    }
  }

  static int run(String master, List<String> confs, List<String> sparkArgs) throws Exception {
    return run(master, confs, sparkArgs, null);
  }

  /**
   * As above; with {@code log} set, the child's output goes to that file instead of this terminal.
   */
  static int run(String master, List<String> confs, List<String> sparkArgs, Path log)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--master", master, "--jars", gateJar().toString()));
    for (String conf :
        List.of(
            "spark.ui.enabled=false",
            "spark.driver.host=127.0.0.1",
            "spark.driver.bindAddress=127.0.0.1")) {
      args.addAll(List.of("--conf", conf));
    }
    for (String conf : confs) {
      args.addAll(List.of("--conf", conf));
    }
    args.addAll(sparkArgs);
    return java(List.of(sparkClasspath()), "org.apache.spark.deploy.SparkSubmit", args, log);
  }

  static int java(List<String> classpath, String mainClass, List<String> args) throws Exception {
    return java(classpath, mainClass, args, null);
  }

  static int java(List<String> classpath, String mainClass, List<String> args, Path log)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("dqgate.driverMemory", "2g"));
    command.addAll(jvmFlags());
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (log == null) {
      builder.inheritIO();
    } else {
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
    }
    builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start().waitFor();
  }
}
