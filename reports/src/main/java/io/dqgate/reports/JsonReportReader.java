package io.dqgate.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.core.result.ColumnProfile;
import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.GateRun;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.StageSummary;
import io.dqgate.core.result.Status;
import io.dqgate.reports.JsonFields.DatasetFields;
import io.dqgate.reports.JsonFields.IdFields;
import io.dqgate.reports.JsonFields.OutcomeFields;
import io.dqgate.reports.JsonFields.RefFields;
import io.dqgate.reports.JsonFields.RootFields;
import io.dqgate.reports.JsonFields.RunFields;
import io.dqgate.reports.JsonFields.StageFields;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a report.json back into the model it was written from by {@link JsonReportWriter}. Derived
 * fields (verdict, counts, status, lineage, maxOverMedian, durationMillis) are not read: the model
 * recomputes them. Fails with the path of the offending field when the document is not a dqgate
 * report of a schema version this code reads (1.x).
 */
final class JsonReportReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final StrictJson json;

  /** A schema 1.0 document: identities were strings ("view x") and a ref plus a name. */
  private boolean legacy;

  private final RecordJson.Reader<Outcome> outcomeReader;
  private final RecordJson.Reader<ColumnProfile> columnReader;
  private final RecordJson.Reader<StageSummary> stageReader;

  private JsonReportReader(String origin) {
    this.json = new StrictJson(origin);
    RecordJson.Reader<SourceLocation> location =
        new RecordJson.Reader<>(SourceLocation.class, json).required("file");
    this.outcomeReader =
        new RecordJson.Reader<>(Outcome.class, json)
            .custom("severity", (n, p) -> keyword(n, OutcomeFields.SEVERITY, p, Severity.class))
            .custom("status", (n, p) -> keyword(n, OutcomeFields.STATUS, p, Status.class))
            // source is derived from location
            .custom(
                "source",
                (n, p) ->
                    location.read(n.get(OutcomeFields.LOCATION), p + "." + OutcomeFields.LOCATION));
    this.columnReader = new RecordJson.Reader<>(ColumnProfile.class, json);
    this.stageReader =
        new RecordJson.Reader<>(StageSummary.class, json)
            .nested(new RecordJson.Reader<>(StageSummary.Distribution.class, json))
            .custom(
                "dataset",
                (n, p) ->
                    legacy
                        ? legacyId(json.text(n, StageFields.DATASET, p, true))
                        : id(
                            json.present(n, StageFields.DATASET_ID, p),
                            p + "." + StageFields.DATASET_ID));
  }

  static GateRun parse(String text, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read " + origin + " because it is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new JsonReportReader(origin).run(root);
  }

  private GateRun run(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw json.fail("$", "is not a JSON object");
    }
    String version = json.text(root, RootFields.SCHEMA_VERSION, "$", false);
    String major = GateRun.SCHEMA_VERSION.substring(0, GateRun.SCHEMA_VERSION.indexOf('.'));
    if (!version.equals(major) && !version.startsWith(major + ".")) {
      throw json.fail(
          "$." + RootFields.SCHEMA_VERSION,
          "is " + version + " and this dqgate reads " + major + ".x");
    }
    legacy = version.equals("1") || version.equals("1.0");
    JsonNode r = json.object(root, RootFields.RUN, "$");
    String p = "$." + RootFields.RUN;
    List<DatasetResult> datasets = list(root, RootFields.DATASETS, "$", this::dataset);
    if (legacy) {
      datasets = resolveBareInputs(datasets);
    }
    List<StageSummary> stages = list(root, RootFields.STAGES, "$", stageReader::read);
    List<Outcome> stageOutcomes = list(root, RootFields.STAGE_OUTCOMES, "$", outcomeReader::read);
    return new GateRun(
        json.text(r, RunFields.RUN_ID, p, true),
        json.text(r, RunFields.APP_NAME, p, true),
        json.text(r, RunFields.APP_ID, p, true),
        json.instant(r, RunFields.STARTED_AT, p),
        json.instant(r, RunFields.ENDED_AT, p),
        json.text(r, RunFields.MODE, p, true),
        json.text(r, RunFields.SPARK_VERSION, p, true),
        json.text(r, RunFields.DQGATE_VERSION, p, true),
        json.strings(r, RunFields.RULE_FILES, p),
        datasets,
        stages,
        stageOutcomes,
        json.strings(r, RunFields.WARNINGS, p),
        (int) json.integer(r, RunFields.EXIT_CODE, p));
  }

  private DatasetResult dataset(JsonNode n, String p) {
    json.requireObject(n, p);
    DatasetId id;
    List<DatasetId> inputs = new ArrayList<>();
    if (legacy) {
      DatasetRef ref = ref(n.get(DatasetFields.REF), p + "." + DatasetFields.REF);
      String name = json.text(n, DatasetFields.NAME, p, true);
      id =
          ref == null
              ? null
              : new DatasetId(name == null || name.equals(ref.name()) ? null : name, List.of(ref));
      for (String input : json.strings(n, DatasetFields.INPUTS, p)) {
        inputs.add(legacyId(input));
      }
    } else {
      id = id(json.present(n, DatasetFields.ID, p), p + "." + DatasetFields.ID);
      inputs.addAll(list(n, DatasetFields.INPUT_IDS, p, this::id));
    }
    List<Outcome> outcomes = list(n, DatasetFields.OUTCOMES, p, outcomeReader::read);
    List<ColumnProfile> columns = list(n, DatasetFields.COLUMNS, p, columnReader::read);
    return new DatasetResult(
        id,
        json.text(n, DatasetFields.ACTION, p, true),
        json.optLong(n, DatasetFields.ROW_COUNT, p),
        columns,
        outcomes,
        inputs,
        (int) json.integer(n, DatasetFields.SPARK_JOBS, p),
        json.bool(n, DatasetFields.PUBLISHED, p),
        json.instant(n, DatasetFields.CHECKED_AT, p),
        Map.of());
  }

  /**
   * Schema 1.0 only: an input written without a kind named a gated dataset by its name or block
   * name (as 1.0's lineage matched it); it becomes that dataset's identity.
   */
  private static List<DatasetResult> resolveBareInputs(List<DatasetResult> datasets) {
    List<DatasetResult> out = new ArrayList<>();
    for (DatasetResult d : datasets) {
      List<DatasetId> inputs = new ArrayList<>();
      for (DatasetId in : d.inputs()) {
        DatasetId named =
            in == null || in.rule() == null
                ? null
                : datasets.stream()
                    .filter(
                        g ->
                            g != d
                                && g.id() != null
                                && (in.rule().equals(g.id().primary().name())
                                    || in.rule().equals(g.name())))
                    .map(g -> new DatasetId(null, g.id().refs()))
                    .findFirst()
                    .orElse(null);
        inputs.add(
            named != null
                ? named
                : in == null || in.rule() == null ? in : new DatasetId(null, in.refs()));
      }
      out.add(
          new DatasetResult(
              d.id(),
              d.action(),
              d.rowCount(),
              d.columns(),
              d.outcomes(),
              inputs,
              d.sparkJobs(),
              d.published(),
              d.checkedAt(),
              Map.of()));
    }
    return out;
  }

  /** A dataset identity (schema 1.1); null when null. */
  private DatasetId id(JsonNode n, String p) {
    if (n.isNull()) {
      return null;
    }
    json.requireObject(n, p);
    List<DatasetRef> refs = list(n, IdFields.NAMES, p, this::ref);
    if (refs.isEmpty()) {
      throw json.fail(p + "." + IdFields.NAMES, "is empty, and an identity has at least one name");
    }
    return new DatasetId(json.text(n, IdFields.RULE, p, true), refs);
  }

  /**
   * Schema 1.0 only, which wrote identities as text: {@code "view x"} is that view; text without a
   * kind is a path when it has a slash, else a table.
   */
  private static DatasetId legacyId(String text) {
    if (text == null) {
      return null;
    }
    for (DatasetRef.Kind kind : DatasetRef.Kind.values()) {
      if (text.startsWith(kind.keyword() + " ")) {
        return DatasetId.of(new DatasetRef(kind, text.substring(kind.keyword().length() + 1)));
      }
    }
    // Bare text: kept as the rule name too, so resolveBareInputs can find the dataset it names.
    return new DatasetId(
        text, List.of(text.contains("/") ? DatasetRef.path(text) : DatasetRef.table(text)));
  }

  /** A dataset's ref; null when absent or null. */
  private DatasetRef ref(JsonNode n, String p) {
    if (n == null || n.isNull()) {
      return null;
    }
    json.requireObject(n, p);
    String kind = json.text(n, RefFields.KIND, p, false);
    DatasetRef.Kind k;
    try {
      k = DatasetRef.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw json.fail(
          p + "." + RefFields.KIND, "is '" + kind + "', not one of path, table, view, stage");
    }
    return new DatasetRef(k, json.text(n, RefFields.NAME, p, false));
  }

  /**
   * An enum field: {@code Status} as its name, {@code Severity} as its keyword (any case); null
   * allowed only for severity (stage outcomes of diagnostics have one, data-check ERRORs may not).
   */
  private <E extends Enum<E>> E keyword(JsonNode n, String field, String p, Class<E> type) {
    boolean nullable = type == Severity.class;
    String text = json.text(n, field, p, nullable);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, nullable ? text.toUpperCase(Locale.ROOT) : text);
    } catch (IllegalArgumentException e) {
      throw json.fail(
          p + "." + field,
          "is '"
              + text
              + "', not one of "
              + (nullable ? "warn, fail" : "INFO, PASS, WARN, ERROR, FAIL"));
    }
  }

  /** The array {@code field} of {@code parent}, each element read with its JSON path. */
  private <T> List<T> list(
      JsonNode parent, String field, String p, BiFunction<JsonNode, String, T> read) {
    JsonNode array = json.array(parent, field, p);
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(read.apply(array.get(i), p + "." + field + "[" + i + "]"));
    }
    return out;
  }
}
