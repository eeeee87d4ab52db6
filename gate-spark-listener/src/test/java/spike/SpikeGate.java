package spike;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;

/**
 * The pre-write pass, run by the check rule on the caller's thread before the write executes: one
 * aggregate job over the rows about to be written ("column v has no nulls"); a breach throws, so
 * the write never starts. Mode PRE_WRITE gates in the check rule, IN_PASS leaves it to SpikeObserve
 * + SpikeCommitProtocol, OFF only records.
 */
final class SpikeGate {
  enum Mode {
    OFF,
    PRE_WRITE,
    IN_PASS
  }

  static volatile Mode mode = Mode.OFF;
  static final String CHECKED_COLUMN = "v";
  static final String PASS_PROPERTY = "spike.gate.pass";

  /** Every write target the check rule identified, described. */
  static final List<String> TARGETS = Collections.synchronizedList(new ArrayList<>());

  static final List<Long> PASS_RESULTS = Collections.synchronizedList(new ArrayList<>());

  private static final ThreadLocal<Boolean> IN_GATE_PASS = ThreadLocal.withInitial(() -> false);
  private static final ThreadLocal<LogicalPlan> LAST_CHECKED = new ThreadLocal<>();

  private SpikeGate() {}

  static boolean inGatePass() {
    return IN_GATE_PASS.get();
  }

  static void reset(Mode newMode) {
    mode = newMode;
    TARGETS.clear();
    PASS_RESULTS.clear();
    LAST_CHECKED.remove();
  }

  static void checkRule(SparkSession spark, LogicalPlan plan, boolean nested) {
    // Nested: commands Spark (or Delta) runs inside an execution, e.g. CTAS's inner insert.
    if (IN_GATE_PASS.get() || nested || LAST_CHECKED.get() == plan) {
      return;
    }
    WriteTarget target = WriteTargets.identify(spark, plan);
    if (target == null) {
      return;
    }
    LAST_CHECKED.set(plan);
    TARGETS.add(target.describe());
    if (mode != Mode.PRE_WRITE
        || target.rows() == null
        || !target.rows().output().exists(a -> a.name().equalsIgnoreCase(CHECKED_COLUMN))) {
      return;
    }
    long nulls = prewritePass(spark, target.rows());
    PASS_RESULTS.add(nulls);
    if (nulls > 0) {
      if (plan instanceof CreateDataSourceTableAsSelectCommand ctas) {
        SaveAsTableGuard.restore(spark, ctas.table().identifier());
      }
      throw new SpikeRejected(
          "Cannot write "
              + target.describe()
              + " because column "
              + CHECKED_COLUMN
              + " has "
              + nulls
              + " nulls");
    }
  }

  /**
   * One Spark job: the checks as observed metrics (CollectMetrics) over the rows to be written, run
   * by a "noop" write. A plain {@code agg(...).collect()} costs 2 jobs under AQE (shuffle map stage
   * + result).
   */
  static long prewritePass(SparkSession spark, LogicalPlan rows) {
    IN_GATE_PASS.set(true);
    String previous = spark.sparkContext().getLocalProperty(PASS_PROPERTY);
    spark.sparkContext().setLocalProperty(PASS_PROPERTY, "true");
    try {
      Observation observation = new Observation("spike_prewrite");
      Dataset.ofRows(spark, rows)
          .observe(
              observation,
              sum(when(col(CHECKED_COLUMN).isNull(), 1).otherwise(0)).as("nulls"),
              count(lit(1)).as("rows"))
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      Object nulls = observation.getAsJava().get("nulls");
      return nulls == null ? 0 : ((Number) nulls).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      spark.sparkContext().setLocalProperty(PASS_PROPERTY, previous);
      IN_GATE_PASS.set(false);
    }
  }
}
