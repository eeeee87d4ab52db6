package io.dqgate.spark.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dqgate.spark.lineage.OpenLineageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage events of an unchanged application (e2eapp.WriteKinds) run through SparkSubmit with
 * the shaded gate jar and the http transport, received by a small HTTP server on loopback: alone,
 * and next to openlineage-spark's own listener.
 */
class LineageSubmitIT {
  /**
   * Deequ's own helpers that live in Spark's packages (they use Spark internals, so they cannot be
   * relocated): the only org/apache/spark classes the jar may carry — none of Spark's own.
   */
  private static final java.util.regex.Pattern DEEQU_SPARK_HELPER =
      java.util.regex.Pattern.compile(
          "org/apache/spark/sql/(catalyst/expressions/aggregate/)?"
              + "(Deequ|Stateful|HLLConstants)[A-Za-z]*\\$?\\.class");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DQGATE_PRODUCER = "https://github.com/dqgate/dqgate/";
  private static final String RULES =
      "datasets:\n"
          + "  - name: e2e_outputs\n"
          + "    match: {path: \"e2e/*\"}\n"
          + "    checks:\n"
          + "      - range: {column: amount, min: 0, max: 100}\n"
          + "      - row_count: {min: 1}\n";

  @TempDir static Path work;
  private static Path appJar;
  private static Path rules;

  @BeforeAll
  static void setUp() throws Exception {
    // A "Lineage*" test filter also reaches Surefire, which runs before the shaded jar exists.
    Assumptions.assumeTrue(
        System.getProperty("dqgate.jar") != null, "runs under Failsafe, after package");
    appJar = SparkSubmitRunner.appJar(work, "e2eapp");
    rules = SparkSubmitRunner.writeRules(work, "lineage-rules.yaml", RULES);
  }

  /** Collects every POSTed body, in arrival order. */
  static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
              String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
              synchronized (bodies) {
                bodies.add(body);
                paths.add(exchange.getRequestURI().getPath());
              }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Writes what was received to target/lineage-it/<name>.json (for reading a failure, and the
     * docs).
     */
    void save(String name) throws IOException {
      Path dir = Path.of("target", "lineage-it");
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(
          dir.resolve(name + ".json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(events()));
    }

    List<JsonNode> events() throws IOException {
      List<JsonNode> out = new ArrayList<>();
      synchronized (bodies) {
        for (String body : bodies) {
          out.add(JSON.readTree(body));
        }
      }
      return out;
    }

    List<String> paths() {
      synchronized (bodies) {
        return List.copyOf(paths);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static List<String> confs(Receiver receiver, UUID appRun) {
    return List.of(
        "spark.dqgate.rules=" + rules,
        "spark.dqgate.reportDir=" + work.resolve("report"),
        "spark.openlineage.transport.type=http",
        "spark.openlineage.transport.url=" + receiver.url(),
        "spark.openlineage.namespace=dqgate-it",
        "spark.openlineage.applicationRunId=" + appRun);
  }

  static List<JsonNode> dqgate(List<JsonNode> events) {
    return events.stream()
        .filter(e -> e.path("producer").asText().startsWith(DQGATE_PRODUCER))
        .toList();
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("eventType").asText()).toList();
  }

  /** The RUNNING event whose input is {@code location}. */
  private static JsonNode datasetEvent(List<JsonNode> events, Path location) {
    for (JsonNode e : events) {
      if (e.path("eventType").asText().equals("RUNNING")
          && e.at("/inputs/0/name").asText().equals(location.toString())) {
        return e;
      }
    }
    throw new AssertionError("no dqgate event for " + location + " in " + events);
  }

  static JsonNode assertion(JsonNode event, String name) {
    for (JsonNode a : event.at("/inputs/0/inputFacets/dataQualityAssertions/assertions")) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no assertion " + name + " in " + event);
  }

  /**
   * Shape every dqgate run must have: valid events, START … one RUNNING per write … end, one run,
   * one parent.
   */
  static void assertGateRun(
      List<JsonNode> events, UUID appRun, String end, int datasets, String output) {
    assertFalse(events.isEmpty(), "no dqgate events received\n" + output);
    List<String> expected = new ArrayList<>();
    expected.add("START");
    for (int i = 0; i < datasets; i++) {
      expected.add("RUNNING");
    }
    expected.add(end);
    assertEquals(expected, types(events), output);
    String runId = events.get(0).at("/run/runId").asText();
    for (JsonNode e : events) {
      List<String> problems = OpenLineageSpec.violations(e);
      assertTrue(problems.isEmpty(), problems + "\n" + e);
      assertEquals(runId, e.at("/run/runId").asText());
      assertEquals(appRun.toString(), e.at("/run/facets/parent/run/runId").asText(), e.toString());
      assertEquals("dqgate-it", e.at("/job/namespace").asText());
    }
  }

  @Test
  void theShadedJarCarriesARelocatedClientOnSparksJackson() throws Exception {
    List<String> entries = new ArrayList<>();
    String services;
    try (java.util.jar.JarFile jar =
        new java.util.jar.JarFile(SparkSubmitRunner.GATE_JAR.toFile())) {
      jar.stream().forEach(e -> entries.add(e.getName()));
      var service =
          jar.getEntry(
              "META-INF/services/io.dqgate.shaded.openlineage.client.transports.TransportBuilder");
      assertTrue(
          service != null, "the transport builders must be registered under the relocated name");
      services = new String(jar.getInputStream(service).readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(entries.contains("io/dqgate/shaded/openlineage/client/OpenLineage.class"));
    assertTrue(
        entries.contains("io/dqgate/shaded/hc/client5/http/impl/classic/HttpClientBuilder.class"));
    assertTrue(entries.contains("io/dqgate/shaded/jackson/datatype/jdk8/Jdk8Module.class"));
    for (String forbidden :
        List.of(
            "io/openlineage/",
            "org/apache/hc/",
            "org/apache/commons/",
            "io/micrometer/",
            "com/fasterxml/",
            "org/slf4j/",
            "org/apache/kafka/",
            "scala/",
            "org/apache/spark/")) {
      assertTrue(
          entries.stream()
              .filter(e -> !e.endsWith("/"))
              .noneMatch(e -> e.startsWith(forbidden) && !DEEQU_SPARK_HELPER.matcher(e).matches()),
          forbidden + " must not be shipped unrelocated");
    }
    assertFalse(
        entries.contains("log4j.properties"),
        "openlineage-java's log4j.properties would reconfigure the job");
    assertFalse(entries.contains("META-INF/services/com.fasterxml.jackson.databind.Module"));
    for (String transport : List.of("Http", "Kafka", "Console", "File", "Composite", "Transform")) {
      assertTrue(
          services.contains(
              "io.dqgate.shaded.openlineage.client.transports." + transport + "TransportBuilder"),
          services);
    }
  }

  @Test
  void aGoodThenABadRunSendTheirDataQualityResults() throws Exception {
    Path base = work.resolve("alone");
    try (Receiver receiver = new Receiver()) {
      UUID appRun = UUID.randomUUID();
      SparkSubmitRunner.Result good =
          SparkSubmitRunner.submit(
              work,
              "local[2]",
              confs(receiver, appRun),
              "e2eapp.WriteKinds",
              appJar,
              base.toString(),
              "good");
      receiver.save("alone-good");
      assertEquals(0, good.exitCode(), good.output());
      List<JsonNode> events = dqgate(receiver.events());
      assertEquals(events.size(), receiver.events().size(), "only dqgate sends here");
      assertTrue(
          receiver.paths().stream().allMatch("/api/v1/lineage"::equals),
          receiver.paths().toString());
      assertGateRun(events, appRun, "COMPLETE", 6, good.output());
      assertEquals("write_kinds_good.dqgate", events.get(0).at("/job/name").asText());
      assertEquals("write_kinds_good", events.get(0).at("/run/facets/parent/job/name").asText());
      JsonNode overwrite = datasetEvent(events, base.resolve("e2e/path_overwrite"));
      assertEquals("file", overwrite.at("/inputs/0/namespace").asText());
      JsonNode metrics = overwrite.at("/inputs/0/inputFacets/dataQualityMetrics");
      assertEquals(1000, metrics.path("rowCount").asLong());
      assertEquals(0.0, metrics.at("/columnMetrics/amount/min").asDouble(), metrics.toString());
      assertEquals(99.0, metrics.at("/columnMetrics/amount/max").asDouble(), metrics.toString());
      for (JsonNode a : overwrite.at("/inputs/0/inputFacets/dataQualityAssertions/assertions")) {
        assertTrue(a.path("success").asBoolean(), a.toString());
      }
      datasetEvent(events, base.resolve("e2e/t_insert"));
      assertFalse(events.get(events.size() - 1).at("/run/facets").has("errorMessage"));
      assertTrue(good.output().contains("dqgate: 8 OpenLineage events sent"), good.output());
    }

    try (Receiver receiver = new Receiver()) {
      UUID appRun = UUID.randomUUID();
      SparkSubmitRunner.Result bad =
          SparkSubmitRunner.submit(
              work,
              "local[2]",
              confs(receiver, appRun),
              "e2eapp.WriteKinds",
              appJar,
              base.toString(),
              "bad");
      receiver.save("alone-bad");
      assertEquals(3, bad.exitCode(), bad.output());
      List<JsonNode> events = dqgate(receiver.events());
      assertGateRun(events, appRun, "FAIL", 6, bad.output());
      JsonNode overwrite = datasetEvent(events, base.resolve("e2e/path_overwrite"));
      JsonNode range = assertion(overwrite, "e2e_outputs.range.amount");
      assertEquals("range", range.path("assertion").asText());
      assertFalse(range.path("success").asBoolean());
      assertEquals("amount", range.path("column").asText());
      assertEquals("error", range.path("severity").asText());
      assertEquals("399", range.path("actual").asText());
      assertEquals("none allowed", range.path("expected").asText());
      assertEquals(500, range.at("/params/total").asLong());
      assertTrue(assertion(overwrite, "e2e_outputs.row_count").path("success").asBoolean());
      assertEquals(
          499.0,
          overwrite
              .at("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics/amount/max")
              .asDouble());
      JsonNode end = events.get(events.size() - 1);
      String message = end.at("/run/facets/errorMessage/message").asText();
      assertTrue(
          message.contains(
              "path "
                  + base.resolve("e2e/path_overwrite")
                  + " (rejected, nothing published):"
                  + " e2e_outputs.range.amount"),
          message);
      assertEquals(6, end.path("inputs").size(), end.toString());
    }
  }

  @Test
  void nextToOpenLineageSparkBothArriveAndNameTheSameDatasets() throws Exception {
    Path base = work.resolve("with-openlineage-spark");
    try (Receiver receiver = new Receiver()) {
      UUID appRun = UUID.randomUUID();
      List<String> confs = new ArrayList<>(confs(receiver, appRun));
      confs.add("spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener");
      SparkSubmitRunner.Result good =
          SparkSubmitRunner.submit(
              work,
              "local[2]",
              List.of(Path.of(System.getProperty("dqgate.openlineageSparkJar"))),
              confs,
              "e2eapp.WriteKinds",
              appJar,
              base.toString(),
              "good");
      receiver.save("with-openlineage-spark");
      assertEquals(0, good.exitCode(), good.output());
      List<JsonNode> all = receiver.events();
      List<JsonNode> ours = dqgate(all);
      List<JsonNode> theirs = all.stream().filter(e -> !ours.contains(e)).toList();
      assertGateRun(ours, appRun, "COMPLETE", 6, good.output());
      assertTrue(
          theirs.stream()
              .allMatch(e -> e.path("producer").asText().contains("OpenLineage/OpenLineage")),
          theirs.toString());

      // openlineage-spark's application run is the parent dqgate names.
      List<JsonNode> application =
          theirs.stream()
              .filter(e -> e.at("/run/runId").asText().equals(appRun.toString()))
              .toList();
      assertFalse(
          application.isEmpty(),
          "openlineage-spark did not use spark.openlineage.applicationRunId");
      assertEquals(
          ours.get(0).at("/run/facets/parent/job/name").asText(),
          application.get(0).at("/job/name").asText());
      assertEquals("dqgate-it", application.get(0).at("/job/namespace").asText());

      Set<String> written = new HashSet<>();
      for (JsonNode e : theirs) {
        for (JsonNode output : e.path("outputs")) {
          written.add(output.path("namespace").asText() + " " + output.path("name").asText());
        }
      }
      int compared = 0;
      for (JsonNode e : ours) {
        if (!e.path("eventType").asText().equals("RUNNING")) {
          continue;
        }
        JsonNode input = e.at("/inputs/0");
        String id = input.path("namespace").asText() + " " + input.path("name").asText();
        assertTrue(
            written.contains(id), id + " is not among openlineage-spark's outputs " + written);
        compared++;
      }
      assertEquals(6, compared);
      assertTrue(written.contains("file " + base.resolve("e2e/t_dynamic")), written.toString());
    }
  }
}
