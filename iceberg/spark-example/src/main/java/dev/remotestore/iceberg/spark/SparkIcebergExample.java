package dev.remotestore.iceberg.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark local-mode job over an Iceberg table whose files go through RemoteStoreFileIO: the
 * catalog is Iceberg's JdbcCatalog in a SQLite file, the warehouse a local folder opened by URL
 * (no remote-store configuration needed for that; set {@code remote-store.config-file} and
 * {@code remote-store.location.<store>} to put it in S3, GCS or Azure instead). Creates the table,
 * inserts twice, queries, and prints where the files went.
 *
 * <p>Run: {@code ./mvnw -q -B -Pspark -pl iceberg/spark-example -am install -DskipTests} once, then
 * {@code ./mvnw -q -B -Pspark -pl iceberg/spark-example exec:exec} (see the README).
 */
public final class SparkIcebergExample {
    private SparkIcebergExample() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/remote-store-iceberg-spark")
                .toAbsolutePath();
        Files.createDirectories(root);
        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("remote-store-iceberg-example")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.lake.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .config("spark.sql.catalog.lake.uri", "jdbc:sqlite:" + root.resolve("catalog.db"))
                .config("spark.sql.catalog.lake.warehouse", "file:" + root.resolve("warehouse"))
                .config("spark.sql.catalog.lake.io-impl", "dev.remotestore.iceberg.RemoteStoreFileIO")
                .getOrCreate();
        try {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.db");
            spark.sql("DROP TABLE IF EXISTS lake.db.events PURGE"); // a second run starts afresh
            spark.sql("CREATE TABLE lake.db.events (id BIGINT, kind STRING, amount DOUBLE) USING iceberg PARTITIONED BY (kind)");
            spark.sql("INSERT INTO lake.db.events VALUES (1, 'click', 0.5), (2, 'view', 1.0), (3, 'click', 2.5)");
            spark.sql("INSERT INTO lake.db.events VALUES (4, 'buy/now 100%', 99.0), (5, 'view', 1.5)");

            System.out.println("== SELECT kind, count(*), sum(amount) FROM lake.db.events GROUP BY kind");
            spark.sql("SELECT kind, count(*) AS n, sum(amount) AS total FROM lake.db.events GROUP BY kind ORDER BY kind").show(false);
            System.out.println("== snapshots");
            spark.sql("SELECT snapshot_id, operation, summary['added-records'] AS added FROM lake.db.events.snapshots ORDER BY committed_at")
                    .show(false);
            System.out.println("== data files (written through RemoteStoreFileIO)");
            spark.sql("SELECT file_path, record_count FROM lake.db.events.files ORDER BY file_path").show(false);
            // the FileIO the table really uses (not just the configured name)
            String io = Spark3Util.loadIcebergTable(spark, "lake.db.events").io().getClass().getName();
            System.out.printf("table FileIO: %s; table under %s; %.1f s%n", io, root.resolve("warehouse/db/events"),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
