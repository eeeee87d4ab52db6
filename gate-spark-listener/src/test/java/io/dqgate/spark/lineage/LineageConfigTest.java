package io.dqgate.spark.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.HttpConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** spark.openlineage.* is read the way openlineage-spark reads it. */
class LineageConfigTest {

  @Test
  void withoutATransportNothingIsSent() {
    LineageConfig config =
        LineageConfig.parse(
            Map.of("spark.openlineage.namespace", "x", "spark.app.name", "a"),
            "my app",
            "local-1",
            1L);
    assertFalse(config.enabled());
    assertEquals("x", config.namespace());
    assertEquals("my_app", config.applicationJobName());
  }

  @Test
  void httpUrlWithAMarquezPathIsSplitLikeOpenLineageSpark() {
    LineageConfig config =
        LineageConfig.parse(
            Map.of(
                "spark.openlineage.transport.type", "http",
                "spark.openlineage.transport.url",
                    "http://marquez:5000/api/v1/namespaces/analytics?api_key=k1",
                "spark.openlineage.transport.headers.X-Team", "data",
                "spark.openlineage.appName", "ChurnFeatures"),
            "ignored",
            "local-1",
            1L);
    assertTrue(config.enabled());
    HttpConfig http = (HttpConfig) config.config().getTransportConfig();
    assertEquals("http://marquez:5000", http.getUrl().toString());
    assertEquals("/api/v1/lineage", http.getEndpoint());
    assertEquals("data", http.getHeaders().get("X-Team"));
    assertEquals("k1", ((ApiKeyTokenProvider) http.getAuth()).getApiKey());
    assertEquals("analytics", config.namespace());
    assertEquals(
        "churn_features", config.applicationJobName(), "normalized as openlineage-spark does");
  }

  @Test
  void applicationRunIdIsTheParentElseAStableIdOfTheApplication() {
    String id = "0196f2d3-3f30-7c41-9d2c-8e1b7a6b5c4d";
    LineageConfig given =
        LineageConfig.parse(Map.of("spark.openlineage.applicationRunId", id), "a", "local-1", 1L);
    assertEquals(UUID.fromString(id), given.applicationRunId());
    assertEquals(given.application(), given.root());

    UUID derived = LineageConfig.parse(Map.of(), "a", "local-1", 1L).applicationRunId();
    assertEquals(
        derived, LineageConfig.parse(Map.of(), "a", "local-1", 1L).applicationRunId(), "stable");
    assertNotEquals(derived, LineageConfig.parse(Map.of(), "a", "local-2", 1L).applicationRunId());

    LineageConfig scheduled =
        LineageConfig.parse(
            Map.of(
                "spark.openlineage.parentRunId",
                id,
                "spark.openlineage.parentJobName",
                "dag.task",
                "spark.openlineage.parentJobNamespace",
                "airflow"),
            "a",
            "local-1",
            1L);
    assertEquals(
        new LineageConfig.RunRef(UUID.fromString(id), "airflow", "dag.task"), scheduled.root());
  }

  @Test
  void fileTransportAndDisabledFacets() {
    LineageConfig config =
        LineageConfig.parse(
            Map.of(
                "spark.openlineage.transport.type", "file",
                "spark.openlineage.transport.location", "/tmp/events.jsonl",
                "spark.openlineage.facets.dataQualityMetrics.disabled", "true",
                "spark.openlineage.facets.errorMessage.disabled", "false"),
            "a",
            "local-1",
            1L);
    assertEquals(
        "/tmp/events.jsonl", ((FileConfig) config.config().getTransportConfig()).getLocation());
    assertFalse(config.facetEnabled("dataQualityMetrics"));
    assertTrue(config.facetEnabled("errorMessage"));
    assertTrue(config.facetEnabled("dataQualityAssertions"));
  }

  @Test
  void unreadableConfigurationSaysWhy() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LineageConfig.parse(
                    Map.of("spark.openlineage.transport.type", "carrier-pigeon"),
                    "a",
                    "local-1",
                    1L));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot read the OpenLineage configuration (spark.openlineage.transport.*)"
                    + " because "),
        e.getMessage());
    IllegalArgumentException badId =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LineageConfig.parse(
                    Map.of("spark.openlineage.applicationRunId", "run-1"), "a", "local-1", 1L));
    assertEquals("spark.openlineage.applicationRunId=run-1 is not a UUID", badId.getMessage());
  }

  @Test
  void namesAreNormalizedLikeOpenLineageSpark() {
    assertEquals("write_kinds_bad", LineageConfig.normalize("write-kinds-bad"));
    assertEquals("my_spark_app", LineageConfig.normalize("MySparkApp"));
    assertEquals("etl_2024_job", LineageConfig.normalize("  ETL 2024 job! "));
  }
}
