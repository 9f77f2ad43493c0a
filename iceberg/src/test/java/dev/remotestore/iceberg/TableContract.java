package dev.remotestore.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Iceberg table through RemoteStoreFileIO, with Iceberg's in-memory catalog (no Hadoop; see FileIOInMemoryCatalog):
 * create, append Avro data files written by iceberg-data's generic writers, scan back, expire
 * snapshots; and two writers committing at once, the loser retrying as Iceberg does. One
 * subclass per server.
 */
abstract class TableContract {
    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));
    static final TableIdentifier ID = TableIdentifier.of("db", "events");

    protected TestStores stores;
    protected FileIOInMemoryCatalog catalog;

    protected abstract TestStores newStores() throws Exception;

    @BeforeEach
    void openCatalog() throws Exception {
        stores = newStores();
        catalog = catalog(stores.properties(), stores.location("warehouse"));
        catalog.createNamespace(Namespace.of("db"));
    }

    static FileIOInMemoryCatalog catalog(Map<String, String> storeProperties, String warehouse) {
        Map<String, String> props = new HashMap<>(storeProperties);
        props.put(CatalogProperties.FILE_IO_IMPL, RemoteStoreFileIO.class.getName());
        props.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        FileIOInMemoryCatalog catalog = new FileIOInMemoryCatalog();
        catalog.initialize("rs", props);
        return catalog;
    }

    @AfterEach
    void closeCatalog() throws IOException {
        RecordingListener.onStart = (store, what) -> { };
        catalog.close();
    }

    static DataFile writeAvro(Table table, int taskId, long... ids) throws IOException {
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.AVRO).build();
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, taskId).format(FileFormat.AVRO).build();
        DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(), table.spec(), null);
        try (writer) {
            for (long id : ids) {
                GenericRecord r = GenericRecord.create(SCHEMA);
                r.setField("id", id);
                r.setField("name", "row-" + id);
                writer.write(r);
            }
        }
        return writer.toDataFile();
    }

    static long count(Iterable<?> items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).count();
    }

    static Set<Long> scanIds(Table table) throws IOException {
        Set<Long> ids = new TreeSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                ids.add((Long) r.getField("id"));
                assertEquals("row-" + r.getField("id"), r.getField("name"));
            }
        }
        return ids;
    }

    @Test
    void aTableIsCreatedAppendedScannedAndItsExpiredSnapshotsDeleted() throws IOException {
        Table table = catalog.createTable(ID, SCHEMA, PartitionSpec.unpartitioned());
        assertTrue(table.location().startsWith(stores.root() + "/warehouse/"), table.location());

        table.newAppend().appendFile(writeAvro(table, 1, 1, 2, 3)).commit();
        Snapshot first = table.currentSnapshot();
        table.newAppend().appendFile(writeAvro(table, 2, 4, 5)).commit();

        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), scanIds(table));
        Table reloaded = catalog.loadTable(ID); // metadata, manifest list and manifests read back from the store
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), scanIds(reloaded));
        assertEquals(2, count(reloaded.snapshots()));

        List<String> files = new ArrayList<>();
        assertInstanceOf(RemoteStoreFileIO.class, table.io());
        for (FileInfo f : ((RemoteStoreFileIO) table.io()).listPrefix(table.location())) {
            files.add(f.location());
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".metadata.json")), files.toString());
        assertEquals(2, files.stream().filter(f -> f.endsWith(".avro") && f.contains("/data/")).count(), files.toString());
        assertTrue(files.contains(first.manifestListLocation()), files.toString());

        table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();

        Table after = catalog.loadTable(ID);
        assertEquals(1, count(after.snapshots()));
        assertFalse(after.io().newInputFile(first.manifestListLocation()).exists(), "the expired manifest list is deleted");
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), scanIds(after));
    }

    @Test
    void twoWritersCommittingAtOnceBothLandTheLoserAfterIcebergsRetry() throws Exception {
        catalog.createTable(ID, SCHEMA, PartitionSpec.unpartitioned());
        Table a = catalog.loadTable(ID);
        Table b = catalog.loadTable(ID); // both start from the empty table
        DataFile fileA = writeAvro(a, 1, 10, 11);
        DataFile fileB = writeAvro(b, 2, 20, 21, 22);

        // Writer B is held as it writes its new metadata file, until A has committed: B's commit
        // is then based on a stale version, the catalog refuses it, and Iceberg retries it.
        CountDownLatch bHeld = new CountDownLatch(1);
        CountDownLatch aCommitted = new CountDownLatch(1);
        AtomicInteger bMetadataWrites = new AtomicInteger();
        String store = stores.storeName();
        Thread[] bThread = new Thread[1];
        RecordingListener.onStart = (s, what) -> {
            if (s.equals(store) && Thread.currentThread() == bThread[0] && what.startsWith("WRITE ")
                    && what.contains(".metadata.json") && bMetadataWrites.incrementAndGet() == 1) {
                bHeld.countDown();
                try {
                    aCommitted.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<Void> writerB = CompletableFuture.runAsync(() -> {
            bThread[0] = Thread.currentThread();
            b.newAppend().appendFile(fileB).commit();
        });
        assertTrue(bHeld.await(60, TimeUnit.SECONDS), "writer B reached its metadata write");
        a.newAppend().appendFile(fileA).commit();
        aCommitted.countDown();
        writerB.get(60, TimeUnit.SECONDS);

        assertEquals(2, bMetadataWrites.get(), "B wrote its metadata twice: the refused attempt and the retry");
        Table result = catalog.loadTable(ID);
        assertEquals(Set.of(10L, 11L, 20L, 21L, 22L), scanIds(result));
        Snapshot last = result.currentSnapshot();
        Snapshot parent = result.snapshot(last.parentId());
        assertEquals(a.currentSnapshot().snapshotId(), parent.snapshotId(), "B's snapshot builds on A's");
        assertEquals(null, parent.parentId());
    }
}
