package io.dqgate.reports;

import io.dqgate.core.result.GateRun;

/**
 * The field names of report.json, one constant per field, shared by {@link JsonReportWriter} and
 * {@link JsonReportReader} so that what is written is what is read. Renaming one is a schema
 * change: {@code report-schema-1.0.json} and {@code reports/schema/README.md} must follow.
 */
final class JsonFields {
  static final String SCHEMA_FILE = "report-schema-" + GateRun.SCHEMA_VERSION + ".json";

  /** How non-finite numbers are spelled, as JSON has no literal for them. */
  static final String NAN = "NaN";

  static final String POSITIVE_INFINITY = "Infinity";
  static final String NEGATIVE_INFINITY = "-Infinity";

  private JsonFields() {}

  /** The document's top level. */
  static final class RootFields {
    static final String SCHEMA = "$schema";
    static final String SCHEMA_VERSION = "schemaVersion";
    static final String RUN = "run";
    static final String DATASETS = "datasets";
    static final String STAGES = "stages";
    static final String STAGE_OUTCOMES = "stageOutcomes";
    static final String LINEAGE = "lineage";

    private RootFields() {}
  }

  /** {@code $.run}. */
  static final class RunFields {
    static final String RUN_ID = "runId";
    static final String APP_NAME = "appName";
    static final String APP_ID = "appId";
    static final String STARTED_AT = "startedAt";
    static final String ENDED_AT = "endedAt";
    static final String DURATION_MILLIS = "durationMillis";
    static final String MODE = "mode";
    static final String VERDICT = "verdict";
    static final String EXIT_CODE = "exitCode";
    static final String SPARK_VERSION = "sparkVersion";
    static final String DQGATE_VERSION = "dqgateVersion";
    static final String RULE_FILES = "ruleFiles";
    static final String WARNINGS = "warnings";
    static final String COUNTS = "counts";

    private RunFields() {}
  }

  /** {@code $.datasets[i]}. */
  static final class DatasetFields {
    static final String REF = "ref";
    static final String NAME = "name";

    /**
     * Schema 1.1: the dataset's identity ({@link IdFields}); 1.0 had only {@code ref} and {@code
     * name}.
     */
    static final String ID = "id";

    static final String ACTION = "action";
    static final String ROW_COUNT = "rowCount";
    static final String STATUS = "status";
    static final String PUBLISHED = "published";
    static final String SPARK_JOBS = "sparkJobs";
    static final String CHECKED_AT = "checkedAt";

    /**
     * As text in 1.0 and 1.1; {@link #INPUT_IDS} (1.1) holds them as identities, which readers use.
     */
    static final String INPUTS = "inputs";

    static final String INPUT_IDS = "inputIds";
    static final String COUNTS = "counts";
    static final String OUTCOMES = "outcomes";
    static final String COLUMNS = "columns";

    private DatasetFields() {}
  }

  /** {@code $.datasets[i].ref}. */
  static final class RefFields {
    static final String KIND = "kind";
    static final String NAME = "name";

    private RefFields() {}
  }

  /**
   * A dataset identity (schema 1.1): {@code $.datasets[i].id}, its {@code inputs[j]}, {@code
   * $.stages[i].dataset}.
   */
  static final class IdFields {
    static final String RULE = "rule";

    /** Every name, each a {@link RefFields} object. */
    static final String NAMES = "names";

    private IdFields() {}
  }

  /** {@code $.datasets[i].outcomes[j]} and {@code $.stageOutcomes[j]}. */
  static final class OutcomeFields {
    static final String RULE_ID = "ruleId";
    static final String CHECK = "check";
    static final String COLUMN = "column";
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String OBSERVED = "observed";
    static final String TOTAL = "total";
    static final String THRESHOLD = "threshold";
    static final String EXPLANATION = "explanation";
    static final String SOURCE = "source";
    static final String LOCATION = "location";
    static final String RULE = "rule";
    static final String EXTRA_PASS = "extraPass";

    private OutcomeFields() {}
  }

  /** {@code ...outcomes[j].location}. */
  static final class LocationFields {
    static final String FILE = "file";
    static final String LINE = "line";
    static final String COLUMN = "column";

    private LocationFields() {}
  }

  /** {@code $.datasets[i].columns[j]}. */
  static final class ColumnFields {
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String NULL_COUNT = "nullCount";
    static final String NAN_COUNT = "nanCount";
    static final String DISTINCT_COUNT = "distinctCount";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String SUM = "sum";
    static final String QUANTILES = "quantiles";

    private ColumnFields() {}
  }

  /** {@code $.stages[i]}. */
  static final class StageFields {
    static final String STAGE_ID = "stageId";
    static final String ATTEMPT = "attempt";
    static final String NAME = "name";
    static final String EXECUTION_ID = "executionId";
    static final String DATASET = "dataset";

    /** Schema 1.1: the dataset as an identity; {@link #DATASET} keeps its primary name as text. */
    static final String DATASET_ID = "datasetId";

    static final String TASKS = "tasks";
    static final String EMPTY_TASKS = "emptyTasks";
    static final String SHUFFLE_READ_BYTES = "shuffleReadBytes";
    static final String RUN_TIME_MILLIS = "runTimeMillis";
    static final String INPUT_BYTES = "inputBytes";
    static final String SHUFFLE_READ_TOTAL_BYTES = "shuffleReadTotalBytes";
    static final String SPILL_DISK_BYTES = "spillDiskBytes";
    static final String SPILL_MEMORY_BYTES = "spillMemoryBytes";
    static final String GC_TIME_MILLIS = "gcTimeMillis";
    static final String OUTPUT_FILES = "outputFiles";
    static final String OUTPUT_BYTES = "outputBytes";

    private StageFields() {}
  }

  /** {@code $.stages[i].shuffleReadBytes} and {@code .runTimeMillis}. */
  static final class DistributionFields {
    static final String MIN = "min";
    static final String P25 = "p25";
    static final String MEDIAN = "median";
    static final String P75 = "p75";
    static final String P95 = "p95";
    static final String MAX = "max";
    static final String MAX_OVER_MEDIAN = "maxOverMedian";

    private DistributionFields() {}
  }

  /** {@code $.lineage[i]} and its {@code inputs[j]}: derived, written only. */
  static final class LineageFields {
    static final String DATASET = "dataset";
    static final String NAME = "name";
    static final String INPUTS = "inputs";
    static final String STAGES = "stages";
    static final String INPUT_NAME = "name";
    static final String INPUT_DATASET = "dataset";

    private LineageFields() {}
  }
}
