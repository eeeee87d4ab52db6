package io.dqgate.rules.check;

/**
 * A column of the data as planning sees it.
 *
 * @param name the name as in the schema
 * @param category what kind of values it holds
 * @param type Spark's simple type string ({@code double}, {@code decimal(10,2)}, {@code
 *     map<string,int>})
 */
public record ColumnInfo(String name, Category category, String type) {

  /** Type categories the checks care about. */
  public enum Category {
    /** Integral and decimal numbers. */
    NUMERIC,
    /** float and double: numbers that can be NaN. */
    FLOATING,
    /** date, timestamp, timestamp_ntz. */
    TEMPORAL,
    STRING,
    BOOLEAN,
    /** array, map, struct. */
    COMPLEX,
    /** binary and anything else. */
    OTHER
  }

  public boolean numeric() {
    return category == Category.NUMERIC || category == Category.FLOATING;
  }

  public boolean floating() {
    return category == Category.FLOATING;
  }

  public boolean temporal() {
    return category == Category.TEMPORAL;
  }

  /** Values with an order and equality Spark compares plainly. */
  public boolean orderable() {
    return numeric() || temporal() || category == Category.STRING || category == Category.BOOLEAN;
  }

  public boolean map() {
    return type.startsWith("map<");
  }

  /** Why this column cannot serve a check: {@code column "day" is date, and <needs>}. */
  CannotPlan unsuitable(String needs) {
    return new CannotPlan("column \"" + name + "\" is " + type + ", and " + needs);
  }
}
