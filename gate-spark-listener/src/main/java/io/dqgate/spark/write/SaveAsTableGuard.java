package io.dqgate.spark.write;

import io.dqgate.core.InternalJobs;
import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.RunObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.DropTablePreEvent;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogEvent;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogEventListener;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogWithListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Seq;

/**
 * Keeps an existing table alive through a rejected {@code saveAsTable(t)} in overwrite mode.
 *
 * <p>{@code DataFrameWriter.saveAsTable} drops the existing V1 table, then runs a CTAS for the new
 * data: no plan exists when the old table goes, so nothing can be checked before the drop. The
 * session's external catalog posts {@code DropTablePreEvent} synchronously on the caller's thread
 * before it drops; there, for a managed table whose rules have checks (enforce mode only), this
 * guard moves the table's data directory aside to {@code .<dir>.dqgate-backup-<uuid>} beside it and
 * keeps its metadata and partitions. The drop then finds no files, and the CTAS's file write is
 * checked in its own pass, by the table's name (carried, {@link CarriedNames}):
 *
 * <ul>
 *   <li>rejected: {@link GateCommitProtocol#abortJob} calls {@link #restore}: the directory is
 *       moved back, the table and its partitions are created again from the kept metadata; the
 *       caller gets the rejection with the old table exactly as it was (same files, partitions);
 *   <li>published: {@link GateCommitProtocol#commitJob} calls {@link #release}: the backup is
 *       deleted.
 * </ul>
 *
 * A move is a rename on HDFS and local disks (cheap) but a copy on object stores; a backup that is
 * still open at the end of the run (the CTAS failed before its write job) is reported with its
 * path. External tables are left alone: dropping one does not delete its files.
 */
final class SaveAsTableGuard implements ExternalCatalogEventListener, RunObserver {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");

  /** A table kept aside, by its data directory (path key). */
  private record Backup(
      CatalogTable table, Seq<CatalogTablePartition> partitions, Path location, Path moved) {}

  private static final Map<String, Backup> BACKUPS = new ConcurrentHashMap<>();

  /** External catalogs already followed (one per application, shared by its sessions). */
  private static final Map<ExternalCatalogWithListener, Boolean> INSTALLED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final SparkSession spark;
  private final GateRuntime runtime;

  private SaveAsTableGuard(SparkSession spark, GateRuntime runtime) {
    this.spark = spark;
    this.runtime = runtime;
  }

  /** Follows the drops of {@code spark}'s catalog (once per catalog). */
  static void install(SparkSession spark, GateRuntime runtime) {
    ExternalCatalogWithListener catalog = spark.sharedState().externalCatalog();
    if (INSTALLED.putIfAbsent(catalog, Boolean.TRUE) == null) {
      SaveAsTableGuard guard = new SaveAsTableGuard(spark, runtime);
      catalog.addListener(guard);
      runtime.addObserver(guard);
    }
  }

  /** Tables ({@code db.name}, lower case) saveAsTable dropped while no backup was kept. */
  private static final java.util.Set<String> DROPPED_UNPROTECTED = ConcurrentHashMap.newKeySet();

  /**
   * True when saveAsTable dropped table {@code db.name} and the guard could not keep it: the
   * warning of {@link WriteAnalysisRule} is for those (a new table loses nothing).
   */
  static boolean droppedUnprotected(String db, String name) {
    return DROPPED_UNPROTECTED.remove((db + "." + name).toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void onEvent(ExternalCatalogEvent event) {
    if (event instanceof DropTablePreEvent drop
        && !InternalJobs.active()
        && calledBySaveAsTable()) {
      boolean kept =
          runtime.enforcing()
              && runtime
                  .guard()
                  .run(
                      "keeping a table aside before saveAsTable overwrites it",
                      false,
                      () -> keepAside(drop.database(), drop.name()));
      if (!kept) {
        DROPPED_UNPROTECTED.add(
            (drop.database() + "." + drop.name()).toLowerCase(java.util.Locale.ROOT));
      }
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

  /** Moves the table's data aside; false when it is not one the guard keeps. */
  private boolean keepAside(String db, String name) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    CatalogTable table = catalog.getTable(db, name);
    if (table.tableType() != CatalogTableType.MANAGED()
        || table.storage().locationUri().isEmpty()) {
      return false; // dropping an external table does not delete its files
    }
    String pathKey = Plans.pathKey(table.location().toString());
    List<DatasetRef> refs =
        List.of(DatasetRef.table("spark_catalog." + db + "." + name), DatasetRef.path(pathKey));
    boolean ruled =
        refs.stream()
            .flatMap(ref -> runtime.rules().matching(ref).stream())
            .anyMatch(block -> !block.checks().isEmpty());
    if (!ruled) {
      return false;
    }
    Seq<CatalogTablePartition> partitions =
        table.partitionColumnNames().isEmpty()
            ? Plans.seq(new ArrayList<CatalogTablePartition>())
            : catalog.listPartitions(db, name, scala.Option.empty());
    Path location = new Path(table.location());
    Path moved =
        new Path(
            location.getParent(), "." + location.getName() + ".dqgate-backup-" + UUID.randomUUID());
    try {
      FileSystem fs = location.getFileSystem(hadoopConf());
      if (fs.exists(location) && !fs.rename(location, moved)) {
        throw new IOException("rename to " + moved + " returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot keep table "
              + db
              + "."
              + name
              + " aside before saveAsTable overwrites it, because "
              + e.getMessage(),
          e);
    }
    BACKUPS.put(pathKey, new Backup(table, partitions, location, moved));
    LOG.warn(
        "dqgate: saveAsTable overwrites {}.{}: its data is kept at {} until the new data passes its"
            + " checks",
        db,
        name,
        moved);
    return true;
  }

  /**
   * The write to {@code pathKey} was aborted (rejected or failed): puts the kept table back. Called
   * after the aborted job removed its files. Returns true when a table was restored.
   */
  static boolean restore(SparkSession spark, String pathKey) {
    Backup backup = BACKUPS.remove(pathKey);
    if (backup == null) {
      return false;
    }
    String table = backup.table().identifier().unquotedString();
    try {
      FileSystem fs = backup.location().getFileSystem(spark.sessionState().newHadoopConf());
      if (fs.exists(backup.location())) {
        if (fs.listStatus(backup.location()).length > 0) {
          throw new IOException(backup.location() + " is not empty");
        }
        fs.delete(backup.location(), false);
      }
      if (!fs.rename(backup.moved(), backup.location())) {
        throw new IOException("rename from " + backup.moved() + " returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot restore table "
              + table
              + " after its overwrite was rejected, because "
              + e.getMessage()
              + "; its old data is kept at "
              + backup.moved(),
          e);
    }
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    String db = backup.table().identifier().database().get();
    String name = backup.table().identifier().table();
    if (!catalog.tableExists(db, name)) {
      catalog.createTable(backup.table(), false);
    }
    if (!backup.partitions().isEmpty()) {
      catalog.createPartitions(db, name, backup.partitions(), true);
    }
    spark.catalog().refreshTable(db + "." + name);
    LOG.warn("dqgate: table {} restored after its overwrite was rejected", table);
    return true;
  }

  /** The write to {@code pathKey} was published: the kept old data is deleted. */
  static void release(SparkSession spark, String pathKey) {
    Backup backup = BACKUPS.remove(pathKey);
    if (backup == null) {
      return;
    }
    try {
      backup
          .moved()
          .getFileSystem(spark.sessionState().newHadoopConf())
          .delete(backup.moved(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete " + backup.moved() + " (the old data of an overwritten table)", e);
    }
  }

  @Override
  public void onEnding(GateRuntime ending) {
    for (Backup backup : BACKUPS.values()) {
      ending.warn(
          "saveAsTable overwrote table "
              + backup.table().identifier().unquotedString()
              + " but its write never reached a commit; the old table's data is kept at "
              + backup.moved()
              + " (move it back to "
              + backup.location()
              + " and re-create the table to restore it, or delete it).");
    }
  }

  private Configuration hadoopConf() {
    return spark.sessionState().newHadoopConf();
  }
}
