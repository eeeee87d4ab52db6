package io.dqgate.spark.write;

import io.dqgate.core.CheckPlan;
import io.dqgate.core.PassResult;
import io.dqgate.spark.plan.Plans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.orc.OrcFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * The rows of a file write as its staged files hold them when {@code commitJob} runs: every task
 * has committed, nothing is published yet. The extra pass of exact checks (duplicates, IQR counts)
 * reads them instead of recomputing the write's upstream query; being Parquet or ORC, the scan
 * reads only the columns the exact checks name.
 *
 * <p>Where the staged files are (FileOutputCommitter algorithm 1, Spark 3.5): committed task
 * directories under {@code <output>/_temporary/<attempt>/task_*}, each laid out like the output
 * ({@code col=value/} directories of a partitioned write); with dynamic partition overwrite the
 * committer writes to {@code <output>/.spark-staging-<jobId>}, so the same layout sits under it.
 * Partition columns come back from the directory names, typed by the write's schema: one scan per
 * partition directory, unioned (above {@value #MAX_PARTITION_DIRS} directories, null). Other
 * formats (whose round trip may change values) get null, and so does, through the row count {@link
 * CheckPlan#runExtraPassOnCopy} checks, any layout this class does not know (custom partition
 * locations, staged under generated names; algorithm 2, which publishes at task commit): the caller
 * then recomputes the write's query.
 */
final class StagedFiles {
  /** Above this many partition directories the union of per-partition scans is not worth it. */
  static final int MAX_PARTITION_DIRS = 256;

  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  private StagedFiles() {}

  /**
   * The staged rows of {@code write} with the columns named as its query names them, or null when
   * they cannot be read back exactly.
   */
  static Dataset<Row> rows(
      SparkSession spark,
      InsertIntoHadoopFsRelationCommand write,
      String jobId,
      boolean dynamicPartitionOverwrite,
      JobContext job) {
    Configuration hadoopConf = job.getConfiguration();
    FileFormat format = write.fileFormat();
    if (!(format instanceof ParquetFileFormat || format instanceof OrcFileFormat)) {
      return null;
    }
    Path output = write.outputPath();
    // Staged files by their partition directory ("" when unpartitioned, else "a=1/b=x").
    Map<String, List<String>> files = new TreeMap<>();
    try {
      // With dynamic partition overwrite the committer's output is the staging directory.
      Path committerOutput =
          dynamicPartitionOverwrite
              ? FileCommitProtocol.getStagingDir(output.toString(), jobId)
              : output;
      for (Path root : committedTaskDirs(job, committerOutput)) {
        list(root.getFileSystem(hadoopConf), root, "", files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the staged files of the write to " + output + ": " + e.getMessage(), e);
    }
    if (files.size() > MAX_PARTITION_DIRS) {
      return null;
    }
    List<Attribute> query = Plans.list(write.query().output());
    List<String> fileNames = JavaConverters.seqAsJavaList(write.outputColumnNames());
    List<Attribute> partitionColumns = Plans.list(write.partitionColumns());
    Set<Long> partitionIds = new HashSet<>();
    for (Attribute a : partitionColumns) {
      partitionIds.add(a.exprId().id());
    }
    List<StructField> data = new ArrayList<>();
    for (int i = 0; i < query.size(); i++) {
      Attribute a = query.get(i);
      if (!partitionIds.contains(a.exprId().id())) {
        data.add(new StructField(fileName(fileNames, i, a), a.dataType(), true, a.metadata()));
      }
    }
    StructType dataSchema = new StructType(data.toArray(new StructField[0]));
    Map<String, String> options = new HashMap<>(JavaConverters.mapAsJavaMap(write.options()));
    options.keySet().removeIf(k -> k.equalsIgnoreCase("path") || k.equalsIgnoreCase("paths"));
    // The files are named one by one, and partition discovery is off: the partition values are
    // this class's reading of the directory names.
    options.put("recursiveFileLookup", "true");
    Dataset<Row> rows = null;
    for (Map.Entry<String, List<String>> dir : files.entrySet()) {
      Map<String, String> values = partitionValues(dir.getKey());
      if (values == null || values.size() != partitionColumns.size()) {
        return null;
      }
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < query.size(); i++) {
        Attribute a = query.get(i);
        String name = fileName(fileNames, i, a);
        if (!partitionIds.contains(a.exprId().id())) {
          columns.add(functions.col(quoted(name)).as(a.name()));
        } else if (!values.containsKey(name.toLowerCase(Locale.ROOT))) {
          return null;
        } else {
          columns.add(
              functions
                  .lit(values.get(name.toLowerCase(Locale.ROOT)))
                  .cast(a.dataType())
                  .as(a.name()));
        }
      }
      Dataset<Row> part =
          spark
              .read()
              .format(format.getClass().getName())
              .schema(dataSchema)
              .options(options)
              .load(dir.getValue().toArray(new String[0]))
              .select(columns.toArray(new Column[0]));
      rows = rows == null ? part : rows.union(part);
    }
    if (rows == null) {
      List<Column> columns = new ArrayList<>();
      for (Attribute a : query) {
        columns.add(functions.lit(null).cast(a.dataType()).as(a.name()));
      }
      return spark.range(0).select(columns.toArray(new Column[0]));
    }
    return rows;
  }

  private static String fileName(List<String> fileNames, int i, Attribute a) {
    return i < fileNames.size() ? fileNames.get(i) : a.name();
  }

  /** Lower-case column name → value (null for Hive's default partition) of a partition dir. */
  private static Map<String, String> partitionValues(String dir) {
    Map<String, String> values = new HashMap<>();
    if (dir.isEmpty()) {
      return values;
    }
    for (String segment : dir.split("/")) {
      int eq = segment.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String value = ExternalCatalogUtils.unescapePathName(segment.substring(eq + 1));
      values.put(
          ExternalCatalogUtils.unescapePathName(segment.substring(0, eq)).toLowerCase(Locale.ROOT),
          value.equals(ExternalCatalogUtils.DEFAULT_PARTITION_NAME()) ? null : value);
    }
    return values;
  }

  /** The data files under {@code dir}, by their directory relative to the root. */
  private static void list(
      FileSystem fs, Path dir, String relative, Map<String, List<String>> files)
      throws IOException {
    if (!fs.exists(dir)) {
      return;
    }
    for (FileStatus child : fs.listStatus(dir)) {
      String name = child.getPath().getName();
      if (hidden(name)) {
        continue;
      }
      if (child.isDirectory()) {
        list(fs, child.getPath(), relative.isEmpty() ? name : relative + "/" + name, files);
      } else {
        files.computeIfAbsent(relative, k -> new ArrayList<>()).add(child.getPath().toString());
      }
    }
  }

  /** The committed task directories of algorithm 1: each holds a part of the output's layout. */
  private static List<Path> committedTaskDirs(JobContext job, Path output) throws IOException {
    Path attempt = FileOutputCommitter.getJobAttemptPath(job, output);
    FileSystem fs = attempt.getFileSystem(job.getConfiguration());
    List<Path> dirs = new ArrayList<>();
    if (!fs.exists(attempt)) {
      return dirs;
    }
    for (FileStatus child : fs.listStatus(attempt)) {
      if (child.isDirectory() && !hidden(child.getPath().getName())) {
        dirs.add(child.getPath());
      }
    }
    return dirs;
  }

  /** Names Spark's file listing skips ({@code _temporary}, {@code _SUCCESS}, {@code .crc}). */
  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * The extra pass of a write's exact checks: one job over the staged files' needed columns, or,
   * when they cannot be read back exactly (see the class comment) or do not hold as many rows as
   * the write's own pass counted, one job over the write's query recomputed.
   */
  static PassResult exactPass(
      SparkSession spark,
      LogicalPlan analyzedWrite,
      CheckPlan plan,
      PassResult first,
      String jobId,
      boolean dynamicPartitionOverwrite,
      JobContext job) {
    WriteTarget target = WriteTargets.find(analyzedWrite);
    if (target == null) {
      throw new IllegalStateException(
          "Cannot run the extra pass of exact checks because no write target handles "
              + analyzedWrite.nodeName()
              + ": add its adapter to WriteTargets.ALL");
    }
    if (analyzedWrite instanceof InsertIntoHadoopFsRelationCommand files) {
      Dataset<Row> staged = rows(spark, files, jobId, dynamicPartitionOverwrite, job);
      if (staged != null) {
        PassResult exact = plan.runExtraPassOnCopy(staged, first);
        if (exact != null) {
          return exact;
        }
        LOG.warn(
            "dqgate: the staged files of the write to {} do not hold the rows the write counted;"
                + " recomputing its query for the exact checks",
            files.outputPath());
      }
    }
    return plan.runExtraPass(Dataset.ofRows(spark, target.writtenRows(analyzedWrite)), first);
  }
}
