package io.dqgate.reports;

import io.dqgate.core.result.GateRun;

/**
 * The field names of report.json, shared by {@link JsonReportWriter} and {@link JsonReportReader}
 * so that what is written is what is read. Objects that mirror a result record (outcomes, columns,
 * stages, their locations and distributions) take their field names from the record's components
 * ({@link RecordJson}); only their special fields are named here. Renaming one is a schema change:
 * {@code report-schema-1.0.json} and {@code reports/schema/README.md} must follow.
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
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String SOURCE = "source";
    static final String LOCATION = "location";

    private OutcomeFields() {}
  }

  /** {@code $.stages[i]}. */
  static final class StageFields {
    static final String DATASET = "dataset";

    /** Schema 1.1: the dataset as an identity; {@link #DATASET} keeps its primary name as text. */
    static final String DATASET_ID = "datasetId";

    private StageFields() {}
  }

  /** {@code $.stages[i].shuffleReadBytes} and {@code .runTimeMillis}. */
  static final class DistributionFields {
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
