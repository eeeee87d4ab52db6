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

  /** Asks for {@code column}'s profile (nulls, min, max, distinct, ...) in the report. */
  void profile(ColumnInfo column);
}
