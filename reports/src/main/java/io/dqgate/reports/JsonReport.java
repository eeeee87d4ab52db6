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
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.Severity;
import io.dqgate.rules.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.json: the run as a stable, versioned document (see {@code report-schema-1.1.json}; 1.0 documents
 * are still read).
 *
 * <p>The document is built field by field rather than by data binding, so that renaming a field of the
 * result model cannot silently change the published schema. Derived fields (verdict, counts, status,
 * lineage, maxOverMedian, durationMillis) are written for consumers and ignored when read back.
 * Non-finite numbers are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class JsonReport {
  static final String SCHEMA_FILE = "report-schema-" + GateRun.SCHEMA_VERSION + ".json";

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReport() {}

  // ---------------------------------------------------------------- writing

  static String render(GateRun run) {
    try {
      return MAPPER.writer(new Pretty()).writeValueAsString(toTree(run)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot render report.json because Jackson failed", e);
    }
  }

  static ObjectNode toTree(GateRun run) {
    ObjectNode root = NODES.objectNode();
    root.put("$schema", SCHEMA_FILE);
    root.put("schemaVersion", GateRun.SCHEMA_VERSION);

    ObjectNode r = root.putObject("run");
    r.put("runId", run.runId());
    r.put("appName", run.appName());
    r.put("appId", run.appId());
    r.put("startedAt", instant(run.startedAt()));
    r.put("endedAt", instant(run.endedAt()));
    if (run.startedAt() != null && run.endedAt() != null) {
      r.put("durationMillis", Duration.between(run.startedAt(), run.endedAt()).toMillis());
    } else {
      r.putNull("durationMillis");
    }
    r.put("mode", run.mode());
    r.put("verdict", run.verdict().name());
    r.put("exitCode", run.exitCode());
    r.put("sparkVersion", run.sparkVersion());
    r.put("dqgateVersion", run.dqgateVersion());
    strings(r.putArray("ruleFiles"), run.ruleFiles());
    strings(r.putArray("warnings"), run.warnings());
    ObjectNode counts = r.putObject("counts");
    for (Status s : Status.values()) {
      counts.put(s.name(), run.count(s));
    }

    ArrayNode datasets = root.putArray("datasets");
    for (DatasetResult d : run.datasets()) {
      datasets.add(dataset(d));
    }
    ArrayNode stages = root.putArray("stages");
    for (StageSummary s : run.stages()) {
      stages.add(stage(s));
    }
    ArrayNode stageOutcomes = root.putArray("stageOutcomes");
    for (Outcome o : run.stageOutcomes()) {
      stageOutcomes.add(outcome(o));
    }
    ArrayNode lineage = root.putArray("lineage");
    for (Lineage.Entry e : Lineage.of(run)) {
      ObjectNode n = lineage.addObject();
      n.put("dataset", e.dataset().id() == null ? null : e.dataset().id().names());
      n.put("name", e.dataset().name());
      ArrayNode inputs = n.putArray("inputs");
      for (Lineage.Input in : e.inputs()) {
        ObjectNode i = inputs.addObject();
        i.put("name", in.name());
        if (in.external()) {
          i.putNull("dataset");
        } else {
          i.put("dataset", run.datasets().get(in.datasetIndex()).name());
        }
      }
      ArrayNode ids = n.putArray("stages");
      e.stageIds().forEach(ids::add);
    }
    return root;
  }

  private static ObjectNode dataset(DatasetResult d) {
    ObjectNode n = NODES.objectNode();
    if (d.ref() == null) {
      n.putNull("ref");
    } else {
      ObjectNode ref = n.putObject("ref");
      ref.put("kind", d.ref().kind().keyword());
      ref.put("name", d.ref().name());
    }
    n.put("name", d.name());
    n.set("id", id(d.id()));
    n.put("action", d.action());
    n.put("rowCount", d.rowCount());
    n.put("status", d.status().name());
    n.put("published", d.published());
    n.put("sparkJobs", d.sparkJobs());
    n.put("checkedAt", instant(d.checkedAt()));
    // 1.0's inputs as text for 1.0 readers; 1.1 adds them as identities (inputIds), which readers use.
    strings(n.putArray("inputs"), d.inputs().stream().map(DatasetId::names).toList());
    ArrayNode inputIds = n.putArray("inputIds");
    d.inputs().forEach(in -> inputIds.add(id(in)));
    ObjectNode counts = n.putObject("counts");
    for (Status s : Status.values()) {
      counts.put(s.name(), d.count(s));
    }
    ArrayNode outcomes = n.putArray("outcomes");
    for (Outcome o : d.outcomes()) {
      outcomes.add(outcome(o));
    }
    ArrayNode columns = n.putArray("columns");
    for (ColumnProfile c : d.columns()) {
      columns.add(column(c));
    }
    return n;
  }

  /** A dataset's identity: {@code {"rule": ..., "names": [{"kind": ..., "name": ...}]}} (schema 1.1). */
  private static JsonNode id(DatasetId id) {
    if (id == null) {
      return NODES.nullNode();
    }
    ObjectNode n = NODES.objectNode();
    n.put("rule", id.rule());
    ArrayNode names = n.putArray("names");
    for (DatasetRef ref : id.refs()) {
      ObjectNode r = names.addObject();
      r.put("kind", ref.kind().keyword());
      r.put("name", ref.name());
    }
    return n;
  }

  private static ObjectNode outcome(Outcome o) {
    ObjectNode n = NODES.objectNode();
    n.put("ruleId", o.ruleId());
    n.put("check", o.check());
    n.put("column", o.column());
    n.put("severity", o.severity() == null ? null : o.severity().keyword());
    n.put("status", o.status() == null ? null : o.status().name());
    n.set("observed", number(o.observed()));
    n.put("total", o.total());
    n.put("threshold", o.threshold());
    n.put("explanation", o.explanation());
    SourceLocation src = o.source();
    if (src == null) {
      n.putNull("source");
      n.putNull("location");
    } else {
      n.put("source", src.fileAndLine());
      ObjectNode loc = n.putObject("location");
      loc.put("file", src.file());
      loc.put("line", src.line());
      loc.put("column", src.column());
    }
    n.put("rule", o.rule());
    n.put("extraPass", o.extraPass());
    return n;
  }

  private static ObjectNode column(ColumnProfile c) {
    ObjectNode n = NODES.objectNode();
    n.put("name", c.name());
    n.put("type", c.type());
    n.put("nullCount", c.nullCount());
    n.put("nanCount", c.nanCount());
    n.put("distinctCount", c.distinctCount());
    n.put("min", c.min());
    n.put("max", c.max());
    n.set("sum", number(c.sum()));
    if (c.quantiles() == null) {
      n.putNull("quantiles");
    } else {
      ObjectNode q = n.putObject("quantiles");
      c.quantiles().forEach((k, v) -> q.set(k, number(v)));
    }
    return n;
  }

  private static ObjectNode stage(StageSummary s) {
    ObjectNode n = NODES.objectNode();
    n.put("stageId", s.stageId());
    n.put("attempt", s.attempt());
    n.put("name", s.name());
    n.put("executionId", s.executionId());
    n.put("dataset", s.dataset() == null ? null : s.dataset().primary().toString());
    n.set("datasetId", id(s.dataset()));
    n.put("tasks", s.tasks());
    n.put("emptyTasks", s.emptyTasks());
    n.set("shuffleReadBytes", distribution(s.shuffleReadBytes()));
    n.set("runTimeMillis", distribution(s.runTimeMillis()));
    n.put("inputBytes", s.inputBytes());
    n.put("shuffleReadTotalBytes", s.shuffleReadTotalBytes());
    n.put("spillDiskBytes", s.spillDiskBytes());
    n.put("spillMemoryBytes", s.spillMemoryBytes());
    n.put("gcTimeMillis", s.gcTimeMillis());
    n.put("outputFiles", s.outputFiles());
    n.put("outputBytes", s.outputBytes());
    return n;
  }

  private static JsonNode distribution(StageSummary.Distribution d) {
    if (d == null) {
      return NODES.nullNode();
    }
    ObjectNode n = NODES.objectNode();
    n.put("min", d.min());
    n.put("p25", d.p25());
    n.put("median", d.median());
    n.put("p75", d.p75());
    n.put("p95", d.p95());
    n.put("max", d.max());
    n.set("maxOverMedian", number(d.maxOverMedian()));
    return n;
  }

  private static JsonNode number(Double value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value.isNaN()) {
      return NODES.textNode("NaN");
    }
    if (value.isInfinite()) {
      return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
    }
    return NODES.numberNode(value);
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

  // ---------------------------------------------------------------- reading

  /**
   * Reads a report.json back into the model. Fails with the path of the offending field when the
   * document is not a dqgate report of a schema version this code reads (1.x).
   */
  static GateRun parse(String json, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read " + origin + " because it is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Reader(origin).run(root);
  }

  /** Tree-walking reader whose errors name the file and the JSON path. */
  private static final class Reader {
    private final String origin;
    /** A schema 1.0 document: identities only as text ("view x") and a ref plus a name; 1.1 adds them typed. */
    private boolean legacy;

    Reader(String origin) {
      this.origin = origin;
    }

    GateRun run(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw fail("$", "is not a JSON object");
      }
      String version = text(root, "schemaVersion", "$", false);
      String major = GateRun.SCHEMA_VERSION.substring(0, GateRun.SCHEMA_VERSION.indexOf('.'));
      if (!version.equals(major) && !version.startsWith(major + ".")) {
        throw fail("$.schemaVersion", "is " + version + " and this dqgate reads " + major + ".x");
      }
      legacy = version.equals("1") || version.equals("1.0");
      JsonNode r = object(root, "run", "$");
      String p = "$.run";
      List<DatasetResult> datasets = new ArrayList<>();
      JsonNode ds = array(root, "datasets", "$");
      for (int i = 0; i < ds.size(); i++) {
        datasets.add(dataset(ds.get(i), "$.datasets[" + i + "]"));
      }
      if (legacy) {
        datasets = resolveBareInputs(datasets);
      }
      List<StageSummary> stages = new ArrayList<>();
      JsonNode ss = array(root, "stages", "$");
      for (int i = 0; i < ss.size(); i++) {
        stages.add(stage(ss.get(i), "$.stages[" + i + "]"));
      }
      List<Outcome> stageOutcomes = new ArrayList<>();
      JsonNode so = array(root, "stageOutcomes", "$");
      for (int i = 0; i < so.size(); i++) {
        stageOutcomes.add(outcome(so.get(i), "$.stageOutcomes[" + i + "]"));
      }
      return new GateRun(
          text(r, "runId", p, true),
          text(r, "appName", p, true),
          text(r, "appId", p, true),
          instant(r, "startedAt", p),
          instant(r, "endedAt", p),
          text(r, "mode", p, true),
          text(r, "sparkVersion", p, true),
          text(r, "dqgateVersion", p, true),
          strings(r, "ruleFiles", p),
          datasets,
          stages,
          stageOutcomes,
          strings(r, "warnings", p),
          (int) integer(r, "exitCode", p));
    }

    private DatasetResult dataset(JsonNode n, String p) {
      requireObject(n, p);
      DatasetId id;
      List<DatasetId> inputs = new ArrayList<>();
      if (legacy) {
        JsonNode refNode = n.get("ref");
        DatasetRef ref = refNode == null || refNode.isNull() ? null : ref(refNode, p + ".ref");
        String name = text(n, "name", p, true);
        id = ref == null ? null : new DatasetId(name == null || name.equals(ref.name()) ? null : name, List.of(ref));
        for (String input : strings(n, "inputs", p)) {
          inputs.add(legacyId(input));
        }
      } else {
        id = id(present(n, "id", p), p + ".id");
        JsonNode is = array(n, "inputIds", p);
        for (int i = 0; i < is.size(); i++) {
          inputs.add(id(is.get(i), p + ".inputIds[" + i + "]"));
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      JsonNode os = array(n, "outcomes", p);
      for (int i = 0; i < os.size(); i++) {
        outcomes.add(outcome(os.get(i), p + ".outcomes[" + i + "]"));
      }
      List<ColumnProfile> columns = new ArrayList<>();
      JsonNode cs = array(n, "columns", p);
      for (int i = 0; i < cs.size(); i++) {
        columns.add(column(cs.get(i), p + ".columns[" + i + "]"));
      }
      return new DatasetResult(
          id,
          text(n, "action", p, true),
          optLong(n, "rowCount", p),
          columns,
          outcomes,
          inputs,
          (int) integer(n, "sparkJobs", p),
          bool(n, "published", p),
          instant(n, "checkedAt", p));
    }

    private DatasetId id(JsonNode n, String p) {
      if (n.isNull()) {
        return null;
      }
      requireObject(n, p);
      JsonNode names = array(n, "names", p);
      if (names.isEmpty()) {
        throw fail(p + ".names", "is empty, and an identity has at least one name");
      }
      List<DatasetRef> refs = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        refs.add(ref(names.get(i), p + ".names[" + i + "]"));
      }
      return new DatasetId(text(n, "rule", p, true), refs);
    }

    private DatasetRef ref(JsonNode n, String p) {
      requireObject(n, p);
      String kind = text(n, "kind", p, false);
      DatasetRef.Kind k;
      try {
        k = DatasetRef.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail(p + ".kind", "is '" + kind + "', not one of path, table, view, stage");
      }
      return new DatasetRef(k, text(n, "name", p, false));
    }

    /**
     * Schema 1.0 only: an input written without a kind named a gated dataset by its name or block name
     * (as 1.0's lineage matched it); it becomes that dataset's identity.
     */
    private static List<DatasetResult> resolveBareInputs(List<DatasetResult> datasets) {
      List<DatasetResult> out = new ArrayList<>();
      for (DatasetResult d : datasets) {
        List<DatasetId> inputs = new ArrayList<>();
        for (DatasetId in : d.inputs()) {
          DatasetId named = in == null || in.rule() == null ? null : datasets.stream()
              .filter(g -> g != d && g.id() != null
                  && (in.rule().equals(g.id().primary().name()) || in.rule().equals(g.name())))
              .map(g -> new DatasetId(null, g.id().refs())).findFirst().orElse(null);
          inputs.add(named != null ? named : in == null || in.rule() == null ? in : new DatasetId(null, in.refs()));
        }
        out.add(new DatasetResult(d.id(), d.action(), d.rowCount(), d.columns(), d.outcomes(), inputs,
            d.sparkJobs(), d.published(), d.checkedAt()));
      }
      return out;
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
      return new DatasetId(text, List.of(text.contains("/") ? DatasetRef.path(text) : DatasetRef.table(text)));
    }

    private Outcome outcome(JsonNode n, String p) {
      requireObject(n, p);
      String severity = text(n, "severity", p, true);
      Severity sev = null;
      if (severity != null) {
        try {
          sev = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw fail(p + ".severity", "is '" + severity + "', not one of warn, fail");
        }
      }
      String status = text(n, "status", p, false);
      Status st;
      try {
        st = Status.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw fail(p + ".status", "is '" + status + "', not one of INFO, PASS, WARN, ERROR, FAIL");
      }
      SourceLocation source = null;
      JsonNode loc = n.get("location");
      if (loc != null && !loc.isNull()) {
        String lp = p + ".location";
        requireObject(loc, lp);
        source =
            new SourceLocation(
                text(loc, "file", lp, false), (int) integer(loc, "line", lp), (int) integer(loc, "column", lp));
      }
      return new Outcome(
          text(n, "ruleId", p, true),
          text(n, "check", p, true),
          text(n, "column", p, true),
          sev,
          st,
          optNumber(n, "observed", p),
          optLong(n, "total", p),
          text(n, "threshold", p, true),
          text(n, "explanation", p, true),
          source,
          text(n, "rule", p, true),
          bool(n, "extraPass", p));
    }

    private ColumnProfile column(JsonNode n, String p) {
      requireObject(n, p);
      Map<String, Double> quantiles = null;
      JsonNode q = n.get("quantiles");
      if (q != null && !q.isNull()) {
        requireObject(q, p + ".quantiles");
        quantiles = new LinkedHashMap<>();
        var fields = q.fields();
        while (fields.hasNext()) {
          var f = fields.next();
          quantiles.put(f.getKey(), optNumber(q, f.getKey(), p + ".quantiles"));
        }
      }
      return new ColumnProfile(
          text(n, "name", p, true),
          text(n, "type", p, true),
          optLong(n, "nullCount", p),
          optLong(n, "nanCount", p),
          optLong(n, "distinctCount", p),
          text(n, "min", p, true),
          text(n, "max", p, true),
          optNumber(n, "sum", p),
          quantiles);
    }

    private StageSummary stage(JsonNode n, String p) {
      requireObject(n, p);
      return new StageSummary(
          (int) integer(n, "stageId", p),
          (int) integer(n, "attempt", p),
          text(n, "name", p, true),
          optLong(n, "executionId", p),
          legacy ? legacyId(text(n, "dataset", p, true)) : id(present(n, "datasetId", p), p + ".datasetId"),
          (int) integer(n, "tasks", p),
          (int) integer(n, "emptyTasks", p),
          distribution(n, "shuffleReadBytes", p),
          distribution(n, "runTimeMillis", p),
          integer(n, "inputBytes", p),
          integer(n, "shuffleReadTotalBytes", p),
          integer(n, "spillDiskBytes", p),
          integer(n, "spillMemoryBytes", p),
          integer(n, "gcTimeMillis", p),
          integer(n, "outputFiles", p),
          integer(n, "outputBytes", p));
    }

    private StageSummary.Distribution distribution(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      if (n.isNull()) {
        return null;
      }
      String dp = p + "." + field;
      requireObject(n, dp);
      return new StageSummary.Distribution(
          integer(n, "min", dp),
          integer(n, "p25", dp),
          integer(n, "median", dp),
          integer(n, "p75", dp),
          integer(n, "p95", dp),
          integer(n, "max", dp));
    }

    // ---- primitives

    private JsonNode present(JsonNode parent, String field, String p) {
      JsonNode n = parent.get(field);
      if (n == null) {
        throw fail(p + "." + field, "is missing");
      }
      return n;
    }

    private void requireObject(JsonNode n, String p) {
      if (n == null || !n.isObject()) {
        throw fail(p, "is not an object");
      }
    }

    private JsonNode object(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      requireObject(n, p + "." + field);
      return n;
    }

    private JsonNode array(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      if (!n.isArray()) {
        throw fail(p + "." + field, "is not an array");
      }
      return n;
    }

    private String text(JsonNode parent, String field, String p, boolean nullable) {
      JsonNode n = present(parent, field, p);
      if (n.isNull() && nullable) {
        return null;
      }
      if (!n.isTextual()) {
        throw fail(p + "." + field, "is " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string");
      }
      return n.textValue();
    }

    private List<String> strings(JsonNode parent, String field, String p) {
      JsonNode n = array(parent, field, p);
      List<String> out = new ArrayList<>(n.size());
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isTextual()) {
          throw fail(p + "." + field + "[" + i + "]", "is not a string");
        }
        out.add(n.get(i).textValue());
      }
      return out;
    }

    private long integer(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw fail(p + "." + field, "is " + n + ", not an integer");
      }
      return n.longValue();
    }

    private Long optLong(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      return n.isNull() ? null : integer(parent, field, p);
    }

    private boolean bool(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      if (!n.isBoolean()) {
        throw fail(p + "." + field, "is " + n + ", not true or false");
      }
      return n.booleanValue();
    }

    private Double optNumber(JsonNode parent, String field, String p) {
      JsonNode n = present(parent, field, p);
      if (n.isNull()) {
        return null;
      }
      if (n.isNumber()) {
        return n.doubleValue();
      }
      if (n.isTextual()) {
        switch (n.textValue()) {
          case "NaN":
            return Double.NaN;
          case "Infinity":
            return Double.POSITIVE_INFINITY;
          case "-Infinity":
            return Double.NEGATIVE_INFINITY;
          default:
            break;
        }
      }
      throw fail(p + "." + field, "is " + n + ", not a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
    }

    private Instant instant(JsonNode parent, String field, String p) {
      String text = text(parent, field, p, true);
      if (text == null) {
        return null;
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw fail(p + "." + field, "is '" + text + "', not an ISO-8601 instant such as 2024-06-10T02:14:07Z");
      }
    }

    private IllegalArgumentException fail(String path, String why) {
      return new IllegalArgumentException("Cannot read " + origin + " because " + path + " " + why);
    }
  }
}
