package io.dqgate.spark.suggest;

import java.util.List;

/**
 * A dataset as the suggester saw it.
 *
 * @param source what was read, for the file's header ({@code /data/tx.csv (csv, header, inferred
 *     types)})
 * @param rows the number of rows
 * @param columns the columns in schema order
 */
record DataProfile(String source, long rows, List<ColumnFacts> columns) {
  DataProfile {
    columns = List.copyOf(columns);
  }
}
