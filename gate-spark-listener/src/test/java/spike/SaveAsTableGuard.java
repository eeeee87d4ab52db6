package spike;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.DropTablePreEvent;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogEvent;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogEventListener;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.Seq;

/**
 * Keeps an existing V1 table alive through {@code saveAsTable(...)} in overwrite mode, which drops
 * the table inside DataFrameWriter before any plan exists. ExternalCatalogWithListener posts
 * DropTablePreEvent synchronously on the caller's thread: there the table's data directory is moved
 * aside and its metadata (+ partitions) kept. The CTAS that follows is gated by the check rule; a
 * rejection restores directory and metadata (restore), a successful CTAS deletes the backup.
 */
final class SaveAsTableGuard implements ExternalCatalogEventListener {
  record Backup(
      CatalogTable table, Seq<CatalogTablePartition> partitions, Path location, Path moved) {}

  static final Map<String, Backup> PENDING = new ConcurrentHashMap<>();
  private final SparkSession spark;

  private SaveAsTableGuard(SparkSession spark) {
    this.spark = spark;
  }

  static void install(SparkSession spark) {
    spark.sharedState().externalCatalog().addListener(new SaveAsTableGuard(spark));
    spark
        .listenerManager()
        .register(
            new QueryExecutionListener() {
              @Override
              public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
                if (qe.analyzed() instanceof CreateDataSourceTableAsSelectCommand ctas) {
                  Backup b = PENDING.remove(key(spark, ctas.table().identifier()));
                  if (b != null) {
                    delete(spark, b.moved());
                  }
                }
              }

              @Override
              public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
            });
  }

  @Override
  public void onEvent(ExternalCatalogEvent event) {
    if (event instanceof DropTablePreEvent drop && calledBySaveAsTable()) {
      backup(drop.database(), drop.name());
    }
  }

  private static boolean calledBySaveAsTable() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    f ->
                        f.getClassName().equals("org.apache.spark.sql.DataFrameWriter")
                            && f.getMethodName().equals("saveAsTable")));
  }

  private void backup(String db, String name) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    CatalogTable table = catalog.getTable(db, name);
    if (table.tableType() != CatalogTableType.MANAGED()) {
      return; // an external table's files are not deleted by the drop
    }
    Seq<CatalogTablePartition> partitions =
        table.partitionColumnNames().isEmpty()
            ? scala.collection.JavaConverters.asScalaBuffer(
                    new java.util.ArrayList<CatalogTablePartition>())
                .toSeq()
            : catalog.listPartitions(db, name, scala.Option.empty());
    Path location = new Path(table.location());
    Path moved =
        new Path(
            location.getParent(), "." + location.getName() + ".dqgate-backup-" + UUID.randomUUID());
    try {
      FileSystem fs = location.getFileSystem(spark.sessionState().newHadoopConf());
      if (fs.exists(location) && !fs.rename(location, moved)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot keep " + db + "." + name + " aside before saveAsTable drops it", e);
    }
    PENDING.put(db + "." + name, new Backup(table, partitions, location, moved));
  }

  /** The CTAS after the drop was rejected: put directory, table and partitions back. */
  static void restore(SparkSession spark, TableIdentifier id) {
    Backup b = PENDING.remove(key(spark, id));
    if (b == null) {
      return;
    }
    try {
      FileSystem fs = b.location().getFileSystem(spark.sessionState().newHadoopConf());
      if (fs.exists(b.moved())) {
        fs.delete(b.location(), true);
        fs.rename(b.moved(), b.location());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restore " + id + " from " + b.moved(), e);
    }
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    String db = b.table().identifier().database().get();
    catalog.createTable(b.table(), false);
    if (!b.partitions().isEmpty()) {
      catalog.createPartitions(db, b.table().identifier().table(), b.partitions(), false);
    }
    spark.catalog().refreshTable(db + "." + b.table().identifier().table());
  }

  private static String key(SparkSession spark, TableIdentifier id) {
    String db = id.database().isDefined() ? id.database().get() : spark.catalog().currentDatabase();
    return db + "." + id.table();
  }

  private static void delete(SparkSession spark, Path path) {
    try {
      path.getFileSystem(spark.sessionState().newHadoopConf()).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
