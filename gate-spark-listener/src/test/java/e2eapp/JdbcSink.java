package e2eapp;

import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application (no dqgate import) writing to a JDBC table. Args: {@code <jdbc url>
 * <table> <good|bad|sql>}: "good" appends 1000 good rows with {@code df.write.jdbc}, "bad" appends
 * 500 bad ones, "sql" maps the table as a {@code USING jdbc} table of the session catalog and runs
 * {@code INSERT INTO} of 10 rows (an {@code InsertIntoDataSourceCommand}, a write kind dqgate does
 * not check).
 */
public final class JdbcSink {
  public static void main(String[] args) {
    String url = args[0];
    String table = args[1];
    SparkSession spark = SparkSession.builder().appName("jdbc-sink-" + args[2]).getOrCreate();
    SinkRuns runs = new SinkRuns(spark);
    if (args[2].equals("sql")) {
      spark.sql(
          "CREATE TABLE "
              + table
              + " USING jdbc OPTIONS (url '"
              + url
              + "', dbtable '"
              + table
              + "', driver 'org.h2.Driver')");
      runs.run(
          "jdbc-sql-insert",
          () ->
              spark.sql("INSERT INTO " + table + " SELECT id, CAST(id AS DOUBLE) FROM range(10)"));
    } else {
      Properties props = new Properties();
      props.setProperty("driver", "org.h2.Driver");
      runs.run(
          "jdbc-append",
          () ->
              SinkRuns.rows(spark, args[2].equals("good"))
                  .select("id", "amount")
                  .write()
                  .mode(SaveMode.Append)
                  .jdbc(url, table, props));
    }
    runs.finish();
  }
}
