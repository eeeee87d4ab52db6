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
import io.dqgate.reports.JsonFields.ColumnFields;
import io.dqgate.reports.JsonFields.DatasetFields;
import io.dqgate.reports.JsonFields.DistributionFields;
import io.dqgate.reports.JsonFields.IdFields;
import io.dqgate.reports.JsonFields.LocationFields;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  private JsonReportReader(String origin) {
    this.json = new StrictJson(origin);
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
    List<DatasetResult> datasets = new ArrayList<>();
    JsonNode ds = json.array(root, RootFields.DATASETS, "$");
    for (int i = 0; i < ds.size(); i++) {
      datasets.add(dataset(ds.get(i), "$." + RootFields.DATASETS + "[" + i + "]"));
    }
    if (legacy) {
      datasets = resolveBareInputs(datasets);
    }
    List<StageSummary> stages = new ArrayList<>();
    JsonNode ss = json.array(root, RootFields.STAGES, "$");
    for (int i = 0; i < ss.size(); i++) {
      stages.add(stage(ss.get(i), "$." + RootFields.STAGES + "[" + i + "]"));
    }
    List<Outcome> stageOutcomes = new ArrayList<>();
    JsonNode so = json.array(root, RootFields.STAGE_OUTCOMES, "$");
    for (int i = 0; i < so.size(); i++) {
      stageOutcomes.add(outcome(so.get(i), "$." + RootFields.STAGE_OUTCOMES + "[" + i + "]"));
    }
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
      JsonNode is = json.array(n, DatasetFields.INPUT_IDS, p);
      for (int i = 0; i < is.size(); i++) {
        inputs.add(id(is.get(i), p + "." + DatasetFields.INPUT_IDS + "[" + i + "]"));
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    JsonNode os = json.array(n, DatasetFields.OUTCOMES, p);
    for (int i = 0; i < os.size(); i++) {
      outcomes.add(outcome(os.get(i), p + "." + DatasetFields.OUTCOMES + "[" + i + "]"));
    }
    List<ColumnProfile> columns = new ArrayList<>();
    JsonNode cs = json.array(n, DatasetFields.COLUMNS, p);
    for (int i = 0; i < cs.size(); i++) {
      columns.add(column(cs.get(i), p + "." + DatasetFields.COLUMNS + "[" + i + "]"));
    }
    return new DatasetResult(
        id,
        json.text(n, DatasetFields.ACTION, p, true),
        json.optLong(n, DatasetFields.ROW_COUNT, p),
        columns,
        outcomes,
        inputs,
        (int) json.integer(n, DatasetFields.SPARK_JOBS, p),
        json.bool(n, DatasetFields.PUBLISHED, p),
        json.instant(n, DatasetFields.CHECKED_AT, p));
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
              d.checkedAt()));
    }
    return out;
  }

  /** A dataset identity (schema 1.1); null when null. */
  private DatasetId id(JsonNode n, String p) {
    if (n.isNull()) {
      return null;
    }
    json.requireObject(n, p);
    JsonNode names = json.array(n, IdFields.NAMES, p);
    if (names.isEmpty()) {
      throw json.fail(p + "." + IdFields.NAMES, "is empty, and an identity has at least one name");
    }
    List<DatasetRef> refs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      refs.add(ref(names.get(i), p + "." + IdFields.NAMES + "[" + i + "]"));
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

  private Outcome outcome(JsonNode n, String p) {
    json.requireObject(n, p);
    String severity = json.text(n, OutcomeFields.SEVERITY, p, true);
    Severity sev = null;
    if (severity != null) {
      try {
        sev = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw json.fail(
            p + "." + OutcomeFields.SEVERITY, "is '" + severity + "', not one of warn, fail");
      }
    }
    String status = json.text(n, OutcomeFields.STATUS, p, false);
    Status st;
    try {
      st = Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw json.fail(
          p + "." + OutcomeFields.STATUS,
          "is '" + status + "', not one of INFO, PASS, WARN, ERROR, FAIL");
    }
    SourceLocation source =
        location(n.get(OutcomeFields.LOCATION), p + "." + OutcomeFields.LOCATION);
    return new Outcome(
        json.text(n, OutcomeFields.RULE_ID, p, true),
        json.text(n, OutcomeFields.CHECK, p, true),
        json.text(n, OutcomeFields.COLUMN, p, true),
        sev,
        st,
        json.optNumber(n, OutcomeFields.OBSERVED, p),
        json.optLong(n, OutcomeFields.TOTAL, p),
        json.text(n, OutcomeFields.THRESHOLD, p, true),
        json.text(n, OutcomeFields.EXPLANATION, p, true),
        source,
        json.text(n, OutcomeFields.RULE, p, true),
        json.bool(n, OutcomeFields.EXTRA_PASS, p));
  }

  /** An outcome's source location; null when absent or null ({@code source} is derived from it). */
  private SourceLocation location(JsonNode n, String p) {
    if (n == null || n.isNull()) {
      return null;
    }
    json.requireObject(n, p);
    return new SourceLocation(
        json.text(n, LocationFields.FILE, p, false),
        (int) json.integer(n, LocationFields.LINE, p),
        (int) json.integer(n, LocationFields.COLUMN, p));
  }

  private ColumnProfile column(JsonNode n, String p) {
    json.requireObject(n, p);
    Map<String, Double> quantiles = null;
    JsonNode q = n.get(ColumnFields.QUANTILES);
    if (q != null && !q.isNull()) {
      String qp = p + "." + ColumnFields.QUANTILES;
      json.requireObject(q, qp);
      quantiles = new LinkedHashMap<>();
      var fields = q.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        quantiles.put(f.getKey(), json.optNumber(q, f.getKey(), qp));
      }
    }
    return new ColumnProfile(
        json.text(n, ColumnFields.NAME, p, true),
        json.text(n, ColumnFields.TYPE, p, true),
        json.optLong(n, ColumnFields.NULL_COUNT, p),
        json.optLong(n, ColumnFields.NAN_COUNT, p),
        json.optLong(n, ColumnFields.DISTINCT_COUNT, p),
        json.text(n, ColumnFields.MIN, p, true),
        json.text(n, ColumnFields.MAX, p, true),
        json.optNumber(n, ColumnFields.SUM, p),
        quantiles);
  }

  private StageSummary stage(JsonNode n, String p) {
    json.requireObject(n, p);
    return new StageSummary(
        (int) json.integer(n, StageFields.STAGE_ID, p),
        (int) json.integer(n, StageFields.ATTEMPT, p),
        json.text(n, StageFields.NAME, p, true),
        json.optLong(n, StageFields.EXECUTION_ID, p),
        legacy
            ? legacyId(json.text(n, StageFields.DATASET, p, true))
            : id(json.present(n, StageFields.DATASET_ID, p), p + "." + StageFields.DATASET_ID),
        (int) json.integer(n, StageFields.TASKS, p),
        (int) json.integer(n, StageFields.EMPTY_TASKS, p),
        distribution(n, StageFields.SHUFFLE_READ_BYTES, p),
        distribution(n, StageFields.RUN_TIME_MILLIS, p),
        json.integer(n, StageFields.INPUT_BYTES, p),
        json.integer(n, StageFields.SHUFFLE_READ_TOTAL_BYTES, p),
        json.integer(n, StageFields.SPILL_DISK_BYTES, p),
        json.integer(n, StageFields.SPILL_MEMORY_BYTES, p),
        json.integer(n, StageFields.GC_TIME_MILLIS, p),
        json.integer(n, StageFields.OUTPUT_FILES, p),
        json.integer(n, StageFields.OUTPUT_BYTES, p));
  }

  private StageSummary.Distribution distribution(JsonNode parent, String field, String p) {
    JsonNode n = json.present(parent, field, p);
    if (n.isNull()) {
      return null;
    }
    String dp = p + "." + field;
    json.requireObject(n, dp);
    return new StageSummary.Distribution(
        json.integer(n, DistributionFields.MIN, dp),
        json.integer(n, DistributionFields.P25, dp),
        json.integer(n, DistributionFields.MEDIAN, dp),
        json.integer(n, DistributionFields.P75, dp),
        json.integer(n, DistributionFields.P95, dp),
        json.integer(n, DistributionFields.MAX, dp));
  }
}
