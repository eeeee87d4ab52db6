package io.dqgate.spark.lineage;

import io.dqgate.rules.DatasetRef;
import io.dqgate.spark.plan.Plans;
import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.filesystem.FilesystemDatasetUtils;
import java.net.URI;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;

/**
 * Names gated datasets exactly as openlineage-spark 1.53 names them, so both tools' events meet on
 * the same dataset: a file location is {@code FilesystemDatasetUtils.fromLocation} of its qualified
 * URI ({@code file} + absolute path, {@code hdfs://nn:8020} + path, {@code s3://bucket} + key); a
 * table is named by its location, with a symlink to its name in the metastore or warehouse ({@code
 * PathUtils}). Temp views and named stages exist only inside the application: dqgate names them
 * {@code <job namespace>} + {@code <application job>.view.<name>} (or {@code .stage.}).
 */
final class LineageDatasets {
  private LineageDatasets() {}

  /** Where a gated dataset lives, captured on the thread that decided it (cheap, no I/O). */
  record Location(URI uri, CatalogTable table) {}

  /**
   * The location of {@code ref} if the current thread runs the SQL execution that writes it (the
   * commit of a gated write), else null.
   */
  static Location capture(SparkSession spark, DatasetRef ref) {
    if (ref.kind() != DatasetRef.Kind.PATH && ref.kind() != DatasetRef.Kind.TABLE) {
      return null;
    }
    String executionId = spark.sparkContext().getLocalProperty(SQLExecution.EXECUTION_ID_KEY());
    if (executionId == null) {
      return null;
    }
    var qe = SQLExecution.getQueryExecution(Long.parseLong(executionId));
    if (qe == null || !(qe.analyzed() instanceof InsertIntoHadoopFsRelationCommand write)) {
      return null;
    }
    CatalogTable table = write.catalogTable().isDefined() ? write.catalogTable().get() : null;
    boolean same =
        ref.kind() == DatasetRef.Kind.PATH
            ? Plans.pathKey(write.outputPath().toString()).equals(ref.name())
            : table != null && table.identifier().unquotedString().equals(ref.name());
    return same ? new Location(write.outputPath().toUri(), table) : null;
  }

  /**
   * The OpenLineage identity of a gated dataset; {@code location} may be null (it is then looked
   * up).
   */
  static DatasetIdentifier identify(
      SparkSession spark, LineageConfig lineage, DatasetRef ref, Location location)
      throws Exception {
    switch (ref.kind()) {
      case PATH:
        {
          URI uri =
              location != null
                  ? location.uri()
                  : qualify(spark.sparkContext().hadoopConfiguration(), ref.name());
          return FilesystemDatasetUtils.fromLocation(uri);
        }
      case TABLE:
        {
          CatalogTable table =
              location != null && location.table() != null
                  ? location.table()
                  : spark
                      .sessionState()
                      .catalog()
                      .getTableMetadata(
                          spark.sessionState().sqlParser().parseTableIdentifier(ref.name()));
          URI uri = location != null ? location.uri() : tableLocation(spark, table);
          return table(spark, table.identifier(), uri);
        }
      case VIEW:
        return new DatasetIdentifier(
            lineage.applicationJobName() + ".view." + ref.name(), lineage.namespace());
      default:
        return new DatasetIdentifier(
            lineage.applicationJobName() + ".stage." + ref.name(), lineage.namespace());
    }
  }

  private static URI qualify(Configuration hadoop, String path) throws java.io.IOException {
    Path p = new Path(path);
    return p.getFileSystem(hadoop).makeQualified(p).toUri();
  }

  private static URI tableLocation(SparkSession spark, CatalogTable table) {
    return table.storage().locationUri().isDefined()
        ? table.storage().locationUri().get()
        : spark.sessionState().catalog().defaultTablePath(table.identifier());
  }

  /**
   * {@code PathUtils.fromTableIdentifier}: the location, with the metastore or warehouse name as
   * symlink.
   */
  static DatasetIdentifier table(SparkSession spark, TableIdentifier identifier, URI location) {
    DatasetIdentifier byLocation = FilesystemDatasetUtils.fromLocation(location);
    URI normalized = FilesystemDatasetUtils.toLocation(byLocation);
    SparkConf conf = spark.sparkContext().getConf();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String name =
        identifier.database().isDefined()
            ? identifier.database().get() + "." + identifier.table()
            : identifier.table();
    Optional<URI> metastore = metastoreUri(conf, hadoop);
    if (metastore.isPresent()) {
      URI hive = URI.create("hive://" + metastore.get().getAuthority());
      DatasetIdentifier symlink = FilesystemDatasetUtils.fromLocationAndName(hive, name);
      return byLocation.withSymlink(
          symlink.getName(), symlink.getNamespace(), DatasetIdentifier.SymlinkType.TABLE);
    }
    String warehouse =
        conf.contains("spark.sql.warehouse.dir")
            ? conf.get("spark.sql.warehouse.dir")
            : hadoop.get("hive.metastore.warehouse.dir");
    if (warehouse != null) {
      URI warehouseUri =
          FilesystemDatasetUtils.toLocation(
              FilesystemDatasetUtils.fromLocation(URI.create(warehouse)));
      if (!warehouseUri.relativize(normalized).equals(normalized)) {
        DatasetIdentifier symlink = FilesystemDatasetUtils.fromLocationAndName(warehouseUri, name);
        return byLocation.withSymlink(
            symlink.getName(), symlink.getNamespace(), DatasetIdentifier.SymlinkType.TABLE);
      }
    }
    return byLocation;
  }

  private static Optional<URI> metastoreUri(SparkConf conf, Configuration hadoop) {
    if (!"hive".equals(conf.get("spark.sql.catalogImplementation", ""))) {
      return Optional.empty();
    }
    String uris =
        conf.contains("spark.sql.hive.metastore.uris")
            ? conf.get("spark.sql.hive.metastore.uris")
            : conf.contains("hive.metastore.uris")
                ? conf.get("hive.metastore.uris")
                : hadoop.get("hive.metastore.uris");
    if (uris == null || uris.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(uris.split(",")[0].trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
