package io.dqgate.spark.lineage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.OpenLineageConfig;
import io.openlineage.client.utils.UUIDUtils;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The job's own OpenLineage configuration ({@code spark.openlineage.*}), read the way
 * openlineage-spark 1.53 reads it ({@code ArgumentParser}): keys become a nested config tree
 * ({@code transport.url}, {@code transport.headers.X}, {@code [a;b]} arrays), an http {@code
 * transport.url} with a path is split like its {@code UrlParser}, and the tree is loaded into
 * openlineage-java's {@link OpenLineageConfig}. So one configuration drives both openlineage-spark
 * and dqgate.
 *
 * <p>Unlike openlineage-spark, dqgate does not fall back to the console transport nor read {@code
 * openlineage.yml} / {@code OPENLINEAGE__*} variables: without {@code
 * spark.openlineage.transport.*} it sends nothing.
 *
 * @param config the parsed client configuration, or null when no transport is configured
 * @param namespace the job namespace ({@code spark.openlineage.namespace}, default {@code default})
 * @param applicationJobName the application's job name as openlineage-spark names it (normalized
 *     {@code spark.openlineage.appName} or {@code spark.app.name})
 * @param applicationRunId the application run: {@code spark.openlineage.applicationRunId}, else a
 *     UUID derived from the Spark application id and start time (stable within the application)
 * @param root the root run (an orchestrator's run from {@code spark.openlineage.rootParent*} or
 *     {@code spark.openlineage.parent*}), or the application run itself
 */
record LineageConfig(
    OpenLineageConfig<?> config,
    String namespace,
    String applicationJobName,
    UUID applicationRunId,
    RunRef root) {

  static final String PREFIX = "spark.openlineage.";
  private static final List<String> PROPERTIES_PREFIXES =
      List.of("transport.properties.", "transport.urlParams.", "transport.headers.");

  /** A run of a job, as parent and root run facets name it. */
  record RunRef(UUID runId, String namespace, String name) {}

  /** True when the job configured an OpenLineage transport. */
  boolean enabled() {
    return config != null && config.getTransportConfig() != null;
  }

  /**
   * Reads the {@code spark.openlineage.*} entries (full keys) of an application.
   *
   * @throws IllegalArgumentException when the transport configuration cannot be read, with the
   *     reason
   */
  static LineageConfig parse(
      Map<String, String> sparkConf, String appName, String appId, long appStartTime) {
    Map<String, String> conf = new LinkedHashMap<>();
    sparkConf.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX) && value != null) {
            conf.put(key, value.trim());
          }
        });
    if ("http".equals(conf.get(PREFIX + "transport.type"))
        && conf.containsKey(PREFIX + "transport.url")) {
      conf.putAll(parseHttpUrl(conf.get(PREFIX + "transport.url")));
    }
    String namespace = nonBlank(conf.get(PREFIX + "namespace"), "default");
    String jobName =
        normalize(nonBlank(conf.get(PREFIX + "appName"), nonBlank(appName, "unknown")));
    String appRunIdText = conf.get(PREFIX + "applicationRunId");
    UUID appRunId;
    if (appRunIdText != null && !appRunIdText.isEmpty()) {
      appRunId = uuid(PREFIX + "applicationRunId", appRunIdText);
    } else {
      appRunId =
          UUIDUtils.generateStaticUUID(
              Instant.ofEpochMilli(appStartTime),
              ("dqgate:" + appId).getBytes(StandardCharsets.UTF_8));
    }
    // The root is the outermost run named: the root parent, else the parent, else the application.
    RunRef root = new RunRef(appRunId, namespace, jobName);
    for (String level : List.of("parent", "rootParent")) {
      RunRef named = namedRun(conf, level, namespace);
      root = named != null ? named : root;
    }
    boolean hasTransport =
        conf.keySet().stream().anyMatch(k -> k.startsWith(PREFIX + "transport."));
    OpenLineageConfig<?> config = hasTransport ? load(conf) : null;
    return new LineageConfig(config, namespace, jobName, appRunId, root);
  }

  /** The parent of dqgate's runs: the application run, as openlineage-spark's events have it. */
  RunRef application() {
    return new RunRef(applicationRunId, namespace, applicationJobName);
  }

  boolean facetEnabled(String name) {
    return config == null
        || config.getFacetsConfig() == null
        || config.getFacetsConfig().isFacetEnabled(name);
  }

  private static OpenLineageConfig<?> load(Map<String, String> conf) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    conf.forEach(
        (fullKey, value) -> {
          if (value.isBlank()) {
            return;
          }
          List<String> path = jsonPath(fullKey.substring(PREFIX.length()));
          ObjectNode node = root;
          for (String part : path.subList(0, path.size() - 1)) {
            if (!(node.get(part) instanceof ObjectNode)) {
              node.putObject(part);
            }
            node = (ObjectNode) node.get(part);
          }
          String leaf = path.get(path.size() - 1);
          if (value.startsWith("[") && value.endsWith("]")) {
            ArrayNode array = node.putArray(leaf);
            Arrays.stream(value.substring(1, value.length() - 1).split(";"))
                .filter(s -> !s.isBlank())
                .forEach(array::add);
          } else {
            node.put(leaf, value);
          }
        });
    try {
      return OpenLineageClientUtils.loadOpenLineageConfigJson(
          new ByteArrayInputStream(mapper.writeValueAsBytes(root)),
          new TypeReference<OpenLineageConfig<?>>() {});
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "Cannot read the OpenLineage configuration (spark.openlineage.transport.*) because "
              + cause.getMessage().lines().findFirst().orElse(cause.toString()),
          e);
    }
  }

  private static List<String> jsonPath(String key) {
    for (String prefix : PROPERTIES_PREFIXES) {
      if (key.startsWith(prefix)) {
        List<String> path = new ArrayList<>(Arrays.asList(prefix.split("\\.")));
        path.add(key.substring(prefix.length()));
        return path;
      }
    }
    return Arrays.asList(key.split("\\."));
  }

  /**
   * openlineage-spark's {@code UrlParser}: {@code http://host/api/v1/namespaces/ns/...?api_key=k}.
   */
  private static Map<String, String> parseHttpUrl(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return out;
    }
    if (uri.getScheme() == null || uri.getAuthority() == null) {
      return out;
    }
    String[] elements = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
    out.put(PREFIX + "transport.url", uri.getScheme() + "://" + uri.getAuthority());
    element(elements, "namespaces", 3).ifPresent(p -> out.put(PREFIX + "namespace", p));
    element(elements, "jobs", 5).ifPresent(p -> out.put(PREFIX + "parentJobName", p));
    element(elements, "runs", 7).ifPresent(p -> out.put(PREFIX + "parentRunId", p));
    element(elements, "api", 1)
        .ifPresent(p -> out.put(PREFIX + "transport.endpoint", "/api/" + p + "/lineage"));
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (value.isBlank()) {
          continue;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
          case "timeout" -> out.put(PREFIX + "transport.timeout", value);
          case "api_key" -> {
            out.put(PREFIX + "transport.auth.apiKey", value);
            out.put(PREFIX + "transport.auth.type", "api_key");
          }
          case "app_name" -> out.put(PREFIX + "appName", value);
          case "disabled" -> {}
          default -> out.put(PREFIX + "transport.urlParams." + name, value);
        }
      }
    }
    return out;
  }

  private static java.util.Optional<String> element(String[] elements, String name, int index) {
    return elements.length > index + 1 && name.equals(elements[index])
        ? java.util.Optional.of(elements[index + 1])
        : java.util.Optional.empty();
  }

  /**
   * openlineage-spark's {@code NameNormalizer}: {@code "Write-Kinds bad"} → {@code
   * write_kinds_bad}.
   */
  static String normalize(String input) {
    String trimmed = input.replaceAll("^[^\\w]+", "").replaceAll("[^\\w]+$", "");
    String plain = Normalizer.normalize(trimmed, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String words =
        plain
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .replaceAll("(?<!^)([A-Z])([a-z])", " $1$2")
            .replaceAll("(\\d)([A-Z])", "$1 $2");
    return words.toLowerCase(Locale.ROOT).replaceAll("[^a-zA-Z0-9]+", "_");
  }

  /**
   * The run {@code <level>RunId} / {@code <level>JobName} / {@code <level>JobNamespace} name (level
   * {@code parent} or {@code rootParent}), or null unless both id and job name are set.
   */
  private static RunRef namedRun(Map<String, String> conf, String level, String namespace) {
    String runId = conf.get(PREFIX + level + "RunId");
    String job = conf.get(PREFIX + level + "JobName");
    if (runId == null || job == null) {
      return null;
    }
    return new RunRef(
        uuid(PREFIX + level + "RunId", runId),
        nonBlank(conf.get(PREFIX + level + "JobNamespace"), namespace),
        job);
  }

  private static UUID uuid(String key, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + "=" + value + " is not a UUID", e);
    }
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
