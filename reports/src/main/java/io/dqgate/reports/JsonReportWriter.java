package io.dqgate.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.reports.JsonFields.DatasetFields;
import io.dqgate.reports.JsonFields.DistributionFields;
import io.dqgate.reports.JsonFields.IdFields;
import io.dqgate.reports.JsonFields.LineageFields;
import io.dqgate.reports.JsonFields.OutcomeFields;
import io.dqgate.reports.JsonFields.RefFields;
import io.dqgate.reports.JsonFields.RootFields;
import io.dqgate.reports.JsonFields.RunFields;
import io.dqgate.reports.JsonFields.StageFields;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Writes report.json: the run as a stable, versioned document (see {@code report-schema-1.0.json}).
 *
 * <p>The document is built field by field rather than by data binding, so that renaming a field of
 * the result model cannot silently change the published schema. Derived fields (verdict, counts,
 * status, lineage, maxOverMedian, durationMillis) are written for consumers; {@link
 * JsonReportReader} ignores them. Non-finite numbers are written as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}.
 */
final class JsonReportWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final RecordJson.Writer<SourceLocation> LOCATION =
      new RecordJson.Writer<>(SourceLocation.class);
  private static final RecordJson.Writer<Outcome> OUTCOME =
      new RecordJson.Writer<>(Outcome.class)
          .custom(
              "severity",
              (n, o) ->
                  n.put(
                      OutcomeFields.SEVERITY, o.severity() == null ? null : o.severity().keyword()))
          .custom(
              "source",
              (n, o) -> {
                // 1.0's one-line form for people, and the structured location for tools.
                n.put(OutcomeFields.SOURCE, o.source() == null ? null : o.source().fileAndLine());
                n.set(OutcomeFields.LOCATION, LOCATION.write(o.source()));
              });
  private static final RecordJson.Writer<ColumnProfile> COLUMN =
      new RecordJson.Writer<>(ColumnProfile.class);
  private static final RecordJson.Writer<StageSummary> STAGE =
      new RecordJson.Writer<>(StageSummary.class)
          .nested(
              new RecordJson.Writer<>(StageSummary.Distribution.class)
                  .derived(
                      (n, d) ->
                          n.set(
                              DistributionFields.MAX_OVER_MEDIAN,
                              RecordJson.number(d.maxOverMedian()))))
          .custom(
              "dataset",
              (n, s) -> {
                // 1.0's primary name as text, and the whole identity (1.1).
                n.put(
                    StageFields.DATASET,
                    s.dataset() == null ? null : s.dataset().primary().toString());
                n.set(StageFields.DATASET_ID, id(s.dataset()));
              });

  private JsonReportWriter() {}

  static String render(GateRun run) {
    try {
      return MAPPER.writer(new Pretty()).writeValueAsString(toTree(run)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot render report.json because Jackson failed", e);
    }
  }

  private static ObjectNode toTree(GateRun run) {
    ObjectNode root = NODES.objectNode();
    root.put(RootFields.SCHEMA, JsonFields.SCHEMA_FILE);
    root.put(RootFields.SCHEMA_VERSION, GateRun.SCHEMA_VERSION);
    root.set(RootFields.RUN, run(run));

    array(root, RootFields.DATASETS, run.datasets(), JsonReportWriter::dataset);
    array(root, RootFields.STAGES, run.stages(), STAGE::write);
    array(root, RootFields.STAGE_OUTCOMES, run.stageOutcomes(), OUTCOME::write);
    ArrayNode lineage = root.putArray(RootFields.LINEAGE);
    for (Lineage.Entry e : Lineage.of(run)) {
      lineage.add(lineageEntry(e, run));
    }
    return root;
  }

  private static ObjectNode run(GateRun run) {
    ObjectNode r = NODES.objectNode();
    r.put(RunFields.RUN_ID, run.runId());
    r.put(RunFields.APP_NAME, run.appName());
    r.put(RunFields.APP_ID, run.appId());
    r.put(RunFields.STARTED_AT, instant(run.startedAt()));
    r.put(RunFields.ENDED_AT, instant(run.endedAt()));
    if (run.startedAt() != null && run.endedAt() != null) {
      r.put(RunFields.DURATION_MILLIS, Duration.between(run.startedAt(), run.endedAt()).toMillis());
    } else {
      r.putNull(RunFields.DURATION_MILLIS);
    }
    r.put(RunFields.MODE, run.mode());
    r.put(RunFields.VERDICT, run.verdict().name());
    r.put(RunFields.EXIT_CODE, run.exitCode());
    r.put(RunFields.SPARK_VERSION, run.sparkVersion());
    r.put(RunFields.DQGATE_VERSION, run.dqgateVersion());
    strings(r.putArray(RunFields.RULE_FILES), run.ruleFiles());
    strings(r.putArray(RunFields.WARNINGS), run.warnings());
    ObjectNode counts = r.putObject(RunFields.COUNTS);
    for (Status s : Status.values()) {
      counts.put(s.name(), run.count(s));
    }
    return r;
  }

  private static ObjectNode lineageEntry(Lineage.Entry e, GateRun run) {
    ObjectNode n = NODES.objectNode();
    n.put(LineageFields.DATASET, e.dataset().id() == null ? null : e.dataset().id().names());
    n.put(LineageFields.NAME, e.dataset().name());
    ArrayNode inputs = n.putArray(LineageFields.INPUTS);
    for (Lineage.Input in : e.inputs()) {
      ObjectNode i = inputs.addObject();
      i.put(LineageFields.INPUT_NAME, in.name());
      if (in.external()) {
        i.putNull(LineageFields.INPUT_DATASET);
      } else {
        i.put(LineageFields.INPUT_DATASET, run.datasets().get(in.datasetIndex()).name());
      }
    }
    ArrayNode ids = n.putArray(LineageFields.STAGES);
    e.stageIds().forEach(ids::add);
    return n;
  }

  private static ObjectNode dataset(DatasetResult d) {
    ObjectNode n = NODES.objectNode();
    if (d.ref() == null) {
      n.putNull(DatasetFields.REF);
    } else {
      ObjectNode ref = n.putObject(DatasetFields.REF);
      ref.put(RefFields.KIND, d.ref().kind().keyword());
      ref.put(RefFields.NAME, d.ref().name());
    }
    n.put(DatasetFields.NAME, d.name());
    n.set(DatasetFields.ID, id(d.id()));
    n.put(DatasetFields.ACTION, d.action());
    n.put(DatasetFields.ROW_COUNT, d.rowCount());
    n.put(DatasetFields.STATUS, d.status().name());
    n.put(DatasetFields.PUBLISHED, d.published());
    n.put(DatasetFields.SPARK_JOBS, d.sparkJobs());
    n.put(DatasetFields.CHECKED_AT, instant(d.checkedAt()));
    // 1.0's inputs as text for 1.0 readers; 1.1 adds them as identities (inputIds), which readers
    // use.
    strings(n.putArray(DatasetFields.INPUTS), d.inputs().stream().map(DatasetId::names).toList());
    ArrayNode inputIds = n.putArray(DatasetFields.INPUT_IDS);
    d.inputs().forEach(in -> inputIds.add(id(in)));
    ObjectNode counts = n.putObject(DatasetFields.COUNTS);
    for (Status s : Status.values()) {
      counts.put(s.name(), d.count(s));
    }
    array(n, DatasetFields.OUTCOMES, d.outcomes(), OUTCOME::write);
    array(n, DatasetFields.COLUMNS, d.columns(), COLUMN::write);
    return n;
  }

  /**
   * A dataset's identity: {@code {"rule": ..., "names": [{"kind": ..., "name": ...}]}} (schema
   * 1.1).
   */
  private static JsonNode id(DatasetId id) {
    if (id == null) {
      return NODES.nullNode();
    }
    ObjectNode n = NODES.objectNode();
    n.put(IdFields.RULE, id.rule());
    ArrayNode names = n.putArray(IdFields.NAMES);
    for (DatasetRef ref : id.refs()) {
      ObjectNode r = names.addObject();
      r.put(RefFields.KIND, ref.kind().keyword());
      r.put(RefFields.NAME, ref.name());
    }
    return n;
  }

  private static <T> void array(
      ObjectNode parent, String field, List<T> items, Function<T, JsonNode> write) {
    ArrayNode array = parent.putArray(field);
    items.forEach(item -> array.add(write.apply(item)));
  }

  private static String instant(Instant value) {
    return value == null ? null : value.toString();
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** Two-space indent, {@code "key": value}, one array element per line, {@code \n} line ends. */
  private static final class Pretty extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    Pretty() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public Pretty createInstance() {
      return new Pretty();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}
