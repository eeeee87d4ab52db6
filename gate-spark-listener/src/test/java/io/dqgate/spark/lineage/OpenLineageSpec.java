package io.dqgate.spark.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates OpenLineage events against the spec's JSON Schemas in {@code
 * ../shared/openlineage-spec} (never copied into the repository): the event against {@code
 * OpenLineage.json} (the schema its own {@code schemaURL} names), then every facet against the
 * schema its {@code _schemaURL} names. Spec URLs are mapped to the local files; dqgate's own facet
 * URLs ({@code github.com/dqgate/dqgate/blob/main/<path>}) to the file at that path in this
 * repository, so a wrong URL fails the test.
 */
public final class OpenLineageSpec {
  public static final Path SPEC_DIR =
      Path.of(System.getProperty("dqgate.openlineageSpec", "../../shared/openlineage-spec"))
          .toAbsolutePath()
          .normalize();
  private static final Path REPO =
      Path.of(System.getProperty("dqgate.repoRoot", "..")).toAbsolutePath().normalize();
  private static final Pattern SPEC =
      Pattern.compile("https://openlineage\\.io/spec/\\d+-\\d+-\\d+/OpenLineage\\.json");
  private static final Pattern FACET =
      Pattern.compile("https://openlineage\\.io/spec/facets/\\d+-\\d+-\\d+/(\\w+\\.json)");
  private static final String DQGATE = "https://github.com/dqgate/dqgate/blob/main/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b -> b.schemaMappers(m -> m.mappings(OpenLineageSpec::local)));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private OpenLineageSpec() {}

  private static String local(String iri) {
    Matcher spec = SPEC.matcher(iri);
    if (spec.matches()) {
      return SPEC_DIR.resolve("OpenLineage.json").toUri().toString();
    }
    Matcher facet = FACET.matcher(iri);
    if (facet.matches()) {
      return SPEC_DIR.resolve("facets").resolve(facet.group(1)).toUri().toString();
    }
    if (iri.startsWith(DQGATE)) {
      return REPO.resolve(iri.substring(DQGATE.length())).toUri().toString();
    }
    return null;
  }

  /**
   * Every violation of {@code event} (a RunEvent as JSON), prefixed with where it is; empty when
   * valid.
   */
  public static List<String> violations(String event) {
    try {
      return violations(JSON.readTree(event));
    } catch (java.io.IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  public static List<String> violations(JsonNode event) {
    if (!Files.isDirectory(SPEC_DIR)) {
      throw new IllegalStateException("The OpenLineage spec schemas are not at " + SPEC_DIR);
    }
    List<String> problems = new ArrayList<>();
    problems.addAll(validate("event", event.path("schemaURL").asText(), event));
    facets(problems, "run.facets", event.path("run").path("facets"));
    facets(problems, "job.facets", event.path("job").path("facets"));
    for (String side : List.of("inputs", "outputs")) {
      int i = 0;
      for (JsonNode dataset : event.path(side)) {
        facets(problems, side + "[" + i + "].facets", dataset.path("facets"));
        facets(problems, side + "[" + i + "].inputFacets", dataset.path("inputFacets"));
        facets(problems, side + "[" + i + "].outputFacets", dataset.path("outputFacets"));
        i++;
      }
    }
    return problems;
  }

  private static void facets(List<String> problems, String where, JsonNode facets) {
    for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> facet = it.next();
      String url = facet.getValue().path("_schemaURL").asText("");
      if (url.isEmpty()) {
        problems.add(where + "." + facet.getKey() + ": no _schemaURL");
        continue;
      }
      problems.addAll(validate(where + "." + facet.getKey(), url, facet.getValue()));
    }
  }

  private static List<String> validate(String where, String schemaUrl, JsonNode node) {
    if (!schemaUrl.contains("#")) {
      return List.of(
          where + ": _schemaURL " + schemaUrl + " does not point into a schema (#/$defs/...)");
    }
    String file = schemaUrl.substring(0, schemaUrl.indexOf('#'));
    if (local(file) == null) {
      return List.of(where + ": no local copy of the schema " + schemaUrl);
    }
    List<String> problems = new ArrayList<>();
    try {
      JsonSchema schema =
          SCHEMAS.computeIfAbsent(schemaUrl, u -> FACTORY.getSchema(SchemaLocation.of(u), CONFIG));
      for (ValidationMessage m : schema.validate(node)) {
        problems.add(where + ": " + m.getMessage());
      }
    } catch (RuntimeException e) {
      problems.add(where + ": cannot load schema " + schemaUrl + ": " + e);
    }
    return problems;
  }
}
