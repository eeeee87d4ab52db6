package e2eapp;

import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * A plain Spark application (no dqgate import) that appends 10 rows to a JDBC table, a sink dqgate
 * does not check yet. Args: {@code <jdbc url> <table>}.
 */
public final class JdbcSink {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("jdbc-sink").getOrCreate();
    Properties props = new Properties();
    props.setProperty("driver", "org.h2.Driver");
    spark.range(10).toDF("id").write().mode("append").jdbc(args[0], args[1], props);
    spark.stop();
  }
}
