package com.example.churn;

import io.dqgate.testing.SparkTestSession;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Small hand-written bronze tables for the stage tests. */
final class Fixtures {
  private Fixtures() {}

  static SparkSession spark() {
    return SparkTestSession.get();
  }

  /** One bronze row. Date is yyyy-MM-dd or null. */
  static Row tx(String id, String user, String date, Double amount, String category) {
    return RowFactory.create(
        id,
        user,
        date == null ? null : Date.valueOf(LocalDate.parse(date)),
        amount,
        category,
        "mobile");
  }

  static Dataset<Row> bronze(Row... rows) {
    return spark().createDataFrame(Arrays.asList(rows), ChurnFeatureJob.TRANSACTION_SCHEMA);
  }

  /** Collects rows keyed by the string value of {@code keyColumn}. */
  static Map<String, Row> byKey(Dataset<Row> df, String keyColumn) {
    List<Row> rows = df.collectAsList();
    Map<String, Row> map = new HashMap<>();
    for (Row row : rows) {
      Object key = row.getAs(keyColumn);
      if (map.put(String.valueOf(key), row) != null) {
        throw new AssertionError("duplicate key " + key + " in " + rows);
      }
    }
    return map;
  }

  static long longOf(Row row, String column) {
    return ((Number) row.getAs(column)).longValue();
  }

  static double doubleOf(Row row, String column) {
    return ((Number) row.getAs(column)).doubleValue();
  }
}
