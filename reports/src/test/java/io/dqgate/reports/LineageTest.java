package io.dqgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs resolve to gated datasets by a shared name; two results of one dataset are one node. */
class LineageTest {
  private static final DatasetId CSV = DatasetId.of(DatasetRef.path("/in/tx.csv"));
  private static final DatasetId BRONZE_VIEW = DatasetId.of(DatasetRef.view("bronze"));

  private static DatasetResult result(DatasetId id, List<DatasetId> inputs) {
    return new DatasetResult(
        id, "test", 1L, List.of(), List.of(), inputs, 0, true, Instant.EPOCH, Map.of());
  }

  private static GateRun run(DatasetResult... datasets) {
    return new GateRun(
        "r",
        "app",
        "id",
        Instant.EPOCH,
        Instant.EPOCH,
        "observe",
        "3.5",
        "0",
        List.of(),
        List.of(datasets),
        List.of(),
        List.of(),
        List.of(),
        0);
  }

  @Test
  void aViewInputResolvesToTheWriteOfThatView() {
    DatasetId bronze =
        new DatasetId("bronze", List.of(DatasetRef.path("/out/bronze"), DatasetRef.view("bronze")));
    List<Lineage.Entry> lineage =
        Lineage.of(
            run(
                result(bronze, List.of(CSV)),
                result(
                    new DatasetId("silver", List.of(DatasetRef.view("silver"))),
                    List.of(BRONZE_VIEW))));
    assertTrue(lineage.get(0).inputs().get(0).external());
    assertEquals("path /in/tx.csv", lineage.get(0).inputs().get(0).name());
    assertEquals(0, lineage.get(1).inputs().get(0).datasetIndex());
  }

  @Test
  void aCheckedViewAndItsLaterWriteAreOneNode() {
    DatasetId written =
        new DatasetId("bronze", List.of(DatasetRef.path("/out/bronze"), DatasetRef.view("bronze")));
    DatasetId downstream = new DatasetId("gold", List.of(DatasetRef.path("/out/gold")));
    List<Lineage.Entry> lineage =
        Lineage.of(
            run(
                result(new DatasetId("bronze", List.of(DatasetRef.view("bronze"))), List.of(CSV)),
                result(written, List.of(CSV)),
                result(downstream, List.of(BRONZE_VIEW))));
    assertEquals(0, lineage.get(0).node());
    assertEquals(
        0, lineage.get(1).node(), "the write of the checked view is drawn as the view's node");
    assertEquals(
        1,
        lineage.get(2).inputs().get(0).datasetIndex(),
        "the nearest earlier result of that dataset");
    Svgs.Graph graph =
        Svgs.lineage(
            run(
                result(new DatasetId("bronze", List.of(DatasetRef.view("bronze"))), List.of(CSV)),
                result(written, List.of(CSV)),
                result(downstream, List.of(BRONZE_VIEW))),
            lineage);
    assertEquals(3, graph.nodes().size(), "csv, bronze (view + path), gold");
    assertEquals(2, graph.edges().size(), "csv -> bronze, bronze -> gold");
  }

  @Test
  void anIdentityPrintsItsRuleNameFirst() {
    DatasetId id =
        new DatasetId(
            "bronze", List.of(DatasetRef.path("/out/bronze"), DatasetRef.view("bronze_tx")));
    assertEquals("bronze (path /out/bronze, view bronze_tx)", id.label());
    assertEquals("bronze", id.title());
    assertEquals("path /in/tx.csv", CSV.label());
    assertEquals("/in/tx.csv", CSV.title());
  }
}
