package io.dqgate.rules;

import java.util.Locale;

/**
 * The identity of a dataset the gate sees: an output path, a table, a temp view or a stage named in
 * code. Rules are matched against it.
 */
public record DatasetRef(Kind kind, String name) {

  /** How a dataset is named. */
  public enum Kind {
    PATH,
    TABLE,
    VIEW,
    STAGE;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static DatasetRef path(String path) {
    return new DatasetRef(Kind.PATH, path);
  }

  public static DatasetRef table(String table) {
    return new DatasetRef(Kind.TABLE, table);
  }

  public static DatasetRef view(String view) {
    return new DatasetRef(Kind.VIEW, view);
  }

  public static DatasetRef stage(String stage) {
    return new DatasetRef(Kind.STAGE, stage);
  }

  @Override
  public String toString() {
    return kind.keyword() + " " + name;
  }
}
