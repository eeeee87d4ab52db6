package e2eapp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a SQL script the way {@code spark-sql -f script.sql} does (the spark-sql shell's
 * SparkSQLCLIDriver is not on Maven Central for Spark 3.5.7): a session with Hive support, the
 * statements split on {@code ;} and run in order, rows of queries printed, and the first failing
 * statement stops the script with "Error in query: <message>" and exit 1, as the CLI does. Args:
 * {@code <script>}.
 */
public final class SqlScript {
  public static void main(String[] args) throws Exception {
    SparkSession spark =
        SparkSession.builder().appName("spark-sql-script").enableHiveSupport().getOrCreate();
    for (String statement : Files.readString(Path.of(args[0])).split(";")) {
      String sql = statement.strip();
      if (sql.isEmpty()) {
        continue;
      }
      try {
        spark.sql(sql).collectAsList().forEach(row -> System.out.println(row.mkString("\t")));
      } catch (RuntimeException e) {
        // As SparkSQLCLIDriver: the message once, no stack trace, exit 1 (shutdown hooks run).
        System.err.println("Error in query: " + e.getMessage());
        spark.stop();
        System.exit(1);
      }
    }
    spark.stop();
  }
}
