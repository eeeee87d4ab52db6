package spike;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.collection.Seq;

/**
 * spark.sql.sources.commitProtocolClass for the spike: records every instantiation (which writers
 * use the configured class), and in commitJob throws when the in-pass metric shows a breach.
 */
public class SpikeCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
  private static final long serialVersionUID = 1L;
  static final List<String> INSTANTIATED = Collections.synchronizedList(new ArrayList<>());
  static final List<String> STACKS = Collections.synchronizedList(new ArrayList<>());

  public SpikeCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
    INSTANTIATED.add(path);
    STACKS.add(
        StackWalker.getInstance()
            .walk(
                s ->
                    s.skip(1)
                        .limit(12)
                        .map(f -> f.getClassName() + "." + f.getMethodName())
                        .toList())
            .toString());
  }

  @Override
  public void commitJob(
      JobContext jobContext, Seq<FileCommitProtocol.TaskCommitMessage> taskCommits) {
    String executionId =
        SparkSession.active().sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY());
    QueryExecution qe =
        executionId == null ? null : SQLExecution.getQueryExecution(Long.parseLong(executionId));
    if (qe != null) {
      scala.Option<Row> row = qe.observedMetrics().get(SpikeObserve.METRICS);
      if (row.isDefined() && !row.get().isNullAt(0) && row.get().getLong(0) > 0) {
        throw new SpikeRejected(
            "Cannot commit "
                + jobContext.getJobID()
                + " because column v has "
                + row.get().getLong(0)
                + " nulls (in-pass)");
      }
    }
    super.commitJob(jobContext, taskCommits);
  }
}
