package io.dqgate.rules.check;

import java.util.List;
import java.util.function.Predicate;

/**
 * The data a rule is planned for, as a kind sees it (implemented by the engine with Spark). Lookups
 * and validations throw {@link CannotPlan} with the reason a person reads.
 */
public interface PlanContext {

  /** The column {@code name} names (exact name first, then ignoring case). */
  ColumnInfo column(String name);

  /**
   * The column {@code name} when it {@code fits} the check, else {@link CannotPlan}: {@code column
   * "day" is date, and <needs>}.
   */
  default ColumnInfo column(String name, Predicate<ColumnInfo> fits, String needs) {
    ColumnInfo ref = column(name);
    if (!fits.test(ref)) {
      throw ref.unsuitable(needs);
    }
    return ref;
  }

  /** All columns, in schema order. */
  List<ColumnInfo> columns();

  /**
   * Checks that {@code value} (the rule's {@code what}: "min", "value") fits {@code column}'s type.
   */
  void literal(ColumnInfo column, Object value, String what);

  /** Checks that {@code sql} is a deterministic, row-level boolean condition on this data. */
  void condition(String sql);

  /**
   * True when {@code column} has the Spark SQL type {@code type} ({@code any}, {@code decimal},
   * DDL).
   */
  boolean typeMatches(String type, ColumnInfo column);

  /** Declares a metric the rule needs. */
  void need(MetricKey key);

  /**
   * The datasets this run judged before this one is planned ({@code references} plans a test
   * against another dataset's keys); {@link RunStages#NONE} outside a gated run.
   */
  default RunStages runStages() {
    return RunStages.NONE;
  }

  /** Asks for {@code column}'s profile (nulls, min, max, distinct, ...) in the report. */
  void profile(ColumnInfo column);

  /**
   * A context in which every column exists and is a double, recording what is needed: how a rule
   * plans against another dataset whose schema is not at hand (its own plan checked it), and what
   * tests plan rules against.
   */
  final class Recording implements PlanContext {
    private final List<MetricKey> needs = new java.util.ArrayList<>();
    private final RunStages run;

    public Recording() {
      this(RunStages.NONE);
    }

    /** A context planned after {@code run}'s datasets. */
    public Recording(RunStages run) {
      this.run = run;
    }

    /** The metrics declared so far, in order. */
    public List<MetricKey> needs() {
      return List.copyOf(needs);
    }

    public ColumnInfo column(String name) {
      return new ColumnInfo(name, ColumnInfo.Category.FLOATING, "double");
    }

    public List<ColumnInfo> columns() {
      return List.of();
    }

    public void literal(ColumnInfo column, Object value, String what) {}

    public void condition(String sql) {}

    public boolean typeMatches(String type, ColumnInfo column) {
      return true;
    }

    public void need(MetricKey key) {
      needs.add(key);
    }

    public RunStages runStages() {
      return run;
    }

    public void profile(ColumnInfo column) {}
  }
}
