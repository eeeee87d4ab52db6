package io.dqgate.spark.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Runs an application through {@code org.apache.spark.deploy.SparkSubmit} in a fresh JVM whose
 * classpath is Spark alone (target/spark-classpath.txt): the gate arrives only as the shaded jar
 * given to {@code --jars}, exactly as a user attaches it.
 */
final class SparkSubmitRunner {
  static final Path GATE_JAR = Path.of(System.getProperty("dqgate.jar"));
  private static final Path SPARK_CLASSPATH = Path.of(System.getProperty("dqgate.sparkClasspath"));

  private SparkSubmitRunner() {}

  record Result(int exitCode, String output) {}

  static Result submit(
      Path workDir,
      String master,
      List<String> confs,
      String mainClass,
      Path appJar,
      String... args)
      throws IOException, InterruptedException {
    return submit(workDir, master, List.of(), confs, mainClass, appJar, args);
  }

  /** As above, with {@code extraJars} given to --jars after the gate's jar. */
  static Result submit(
      Path workDir,
      String master,
      List<Path> extraJars,
      List<String> confs,
      String mainClass,
      Path appJar,
      String... args)
      throws IOException, InterruptedException {
    return run(workDir, master, "", extraJars, confs, java.util.Map.of(), mainClass, appJar, args);
  }

  /** As above, with {@code env} added to the SparkSubmit JVM's environment. */
  static Result submit(
      Path workDir,
      String master,
      List<Path> extraJars,
      List<String> confs,
      java.util.Map<String, String> env,
      String mainClass,
      Path appJar,
      String... args)
      throws IOException, InterruptedException {
    return run(workDir, master, "", extraJars, confs, env, mainClass, appJar, args);
  }

  /**
   * As above, on a Spark installation built with Hive support: spark-hive and the Hive jars
   * (target/it-hive-classpath.txt) are on the SparkSubmit JVM's classpath, as in a distribution's
   * jars/ folder.
   */
  static Result submitWithHive(
      Path workDir, List<String> confs, String mainClass, Path appJar, String... args)
      throws IOException, InterruptedException {
    String hive = Files.readString(Path.of(System.getProperty("dqgate.hiveClasspath"))).trim();
    return run(
        workDir, "local[2]", hive, List.of(), confs, java.util.Map.of(), mainClass, appJar, args);
  }

  /**
   * {@code spark-shell -i script}: SparkSubmit runs the REPL ({@code org.apache.spark.repl.Main},
   * primary resource {@code spark-shell}, as the spark-shell script does) with the REPL and the
   * Scala compiler (target/it-repl-classpath.txt) beside Spark's classpath. Standard input is
   * closed, so the shell ends after the script as at the end of a person's input.
   */
  static Result shell(Path workDir, List<String> confs, Path script)
      throws IOException, InterruptedException {
    String repl = Files.readString(Path.of(System.getProperty("dqgate.replClasspath"))).trim();
    return run(
        workDir,
        "local[2]",
        repl,
        List.of(),
        confs,
        java.util.Map.of(),
        REPL_MAIN,
        Path.of("spark-shell"),
        "-i",
        script.toString());
  }

  private static final String REPL_MAIN = "org.apache.spark.repl.Main";

  private static Result run(
      Path workDir,
      String master,
      String extraClasspath,
      List<Path> extraJars,
      List<String> confs,
      java.util.Map<String, String> env,
      String mainClass,
      Path appJar,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    if (mainClass.equals(REPL_MAIN)) {
      command.add("-Dscala.usejavacp=true"); // what bin/spark-shell sets
    }
    command.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
    command.add("-cp");
    String sparkClasspath = Files.readString(SPARK_CLASSPATH).trim();
    command.add(
        extraClasspath.isEmpty()
            ? sparkClasspath
            : sparkClasspath + java.io.File.pathSeparator + extraClasspath);
    command.add("org.apache.spark.deploy.SparkSubmit");
    StringBuilder jars = new StringBuilder(GATE_JAR.toString());
    extraJars.forEach(jar -> jars.append(',').append(jar));
    command.addAll(List.of("--master", master, "--jars", jars.toString()));
    for (String conf :
        List.of(
            "spark.ui.enabled=false",
            "spark.driver.host=127.0.0.1",
            "spark.driver.bindAddress=127.0.0.1",
            "spark.sql.shuffle.partitions=4",
            "spark.sql.extensions=io.dqgate.spark.DqGateExtensions")) {
      command.addAll(List.of("--conf", conf));
    }
    for (String conf : confs) {
      command.addAll(List.of("--conf", conf));
    }
    command.addAll(List.of("--class", mainClass, appJar.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    if (master.startsWith("local-cluster")) {
      builder.environment().put("SPARK_HOME", sparkHome(workDir).toString());
      builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    }
    Path log = workDir.resolve("spark-submit-" + System.nanoTime() + ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(8, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("SparkSubmit did not finish in 8 minutes; log: " + log);
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  /**
   * A SPARK_HOME with jars/ (what the executors of local-cluster and of a standalone Worker put on
   * their classpath).
   */
  static Path sparkHome(Path workDir) throws IOException {
    Path home = workDir.resolve("spark-home");
    Path jars = home.resolve("jars");
    if (Files.exists(jars)) {
      return home;
    }
    Files.createDirectories(jars);
    for (String entry :
        Files.readString(SPARK_CLASSPATH).trim().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  /** The sample pipeline's jar (com.example.churn, no dqgate inside), built by its module. */
  static Path sampleJar() throws IOException {
    Path target =
        Path.of(System.getProperty("user.dir")).getParent().resolve("sample-pipeline/target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              p ->
                  p.getFileName()
                      .toString()
                      .matches("dqgate-sample-pipeline-[0-9.]+(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Packs the compiled classes of {@code packageName} from the test classpath into a jar. */
  static Path appJar(Path dir, String packageName) throws IOException {
    Path classes = Path.of(System.getProperty("dqgate.testClasses", "target/test-classes"));
    Path jar = dir.resolve(packageName + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes.resolve(packageName.replace('.', '/')))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  static Path writeRules(Path dir, String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
