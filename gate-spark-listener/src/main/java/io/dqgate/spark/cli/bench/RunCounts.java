package io.dqgate.spark.cli.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@link BenchListener} counted in one run, as written to (and read back from) its file.
 * {@code cpuNanos} is the driver JVM's CPU time (all its threads; in local mode the tasks too) at
 * application end: on a shared machine it moves far less than wall time does.
 */
public record RunCounts(
    long jobs,
    long gateJobs,
    long stages,
    long scans,
    long inputRecords,
    long heapPeakBytes,
    long heapAfterGcBytes,
    long rssPeakBytes,
    long cpuNanos) {

  String toProperties() {
    Properties p = new Properties();
    p.setProperty("jobs", Long.toString(jobs));
    p.setProperty("gateJobs", Long.toString(gateJobs));
    p.setProperty("stages", Long.toString(stages));
    p.setProperty("scans", Long.toString(scans));
    p.setProperty("inputRecords", Long.toString(inputRecords));
    p.setProperty("heapPeakBytes", Long.toString(heapPeakBytes));
    p.setProperty("heapAfterGcBytes", Long.toString(heapAfterGcBytes));
    p.setProperty("rssPeakBytes", Long.toString(rssPeakBytes));
    p.setProperty("cpuNanos", Long.toString(cpuNanos));
    StringWriter out = new StringWriter();
    try {
      p.store(out, "dqgate bench: one run's counts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static RunCounts fromProperties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunCounts(
        num(p, "jobs"),
        num(p, "gateJobs"),
        num(p, "stages"),
        num(p, "scans"),
        num(p, "inputRecords"),
        num(p, "heapPeakBytes"),
        num(p, "heapAfterGcBytes"),
        num(p, "rssPeakBytes"),
        num(p, "cpuNanos"));
  }

  private static long num(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "Cannot read the benchmark figures because '" + key + "' is missing");
    }
    return Long.parseLong(value.trim());
  }
}
