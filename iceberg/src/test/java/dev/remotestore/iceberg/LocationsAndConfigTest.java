package dev.remotestore.iceberg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locations opened as URLs without any configuration, keys taken literally; configuration errors. */
class LocationsAndConfigTest {
    @TempDir
    Path dir;

    private static RemoteStoreFileIO fileIO(Map<String, String> props) {
        RemoteStoreFileIO io = new RemoteStoreFileIO();
        io.initialize(props);
        return io;
    }

    @Test
    void keysAreTakenLiterallyAsIcebergsOwnFileIOsTakeThem() throws IOException {
        String base = dir.toString().replace('\\', '/');
        try (RemoteStoreFileIO io = fileIO(Map.of())) {
            // Iceberg percent-encodes partition values itself: %2F, %20 and + are characters of the name
            List<String> locations = List.of(base + "/t/p=a%2Fb/f 1+2.avro", "file:" + base + "/t/q=%20/g.avro",
                    "file://" + base + "/t/r%25/h.avro");
            byte[] data = FileIOContract.random(100, 1);
            for (String location : locations) {
                FileIOContract.write(io, location, data, false);
                assertArrayEquals(data, FileIOContract.read(io, location));
            }
            assertTrue(Files.isRegularFile(dir.resolve("t/p=a%2Fb/f 1+2.avro")));
            assertTrue(Files.isRegularFile(dir.resolve("t/q=%20/g.avro")));
            assertTrue(Files.isRegularFile(dir.resolve("t/r%25/h.avro")));

            Set<String> listed = new TreeSet<>();
            for (FileInfo f : io.listPrefix("file:" + base + "/t")) {
                listed.add(f.location());
            }
            assertEquals(Set.of("file:" + base + "/t/p=a%2Fb/f 1+2.avro", "file:" + base + "/t/q=%20/g.avro",
                    "file:" + base + "/t/r%25/h.avro"), listed); // in the prefix's spelling
        }
    }

    @Test
    void memoryUrlsServeATableWithoutAnyConfiguration() throws IOException {
        try (FileIOInMemoryCatalog catalog = TableContract.catalog(Map.of(), "memory://lake/warehouse")) {
            catalog.createNamespace(Namespace.of("db"));
            Table table = catalog.createTable(TableIdentifier.of("db", "t"), TableContract.SCHEMA, PartitionSpec.unpartitioned());
            table.newAppend().appendFile(TableContract.writeAvro(table, 1, 7, 8)).commit();
            assertEquals(Set.of(7L, 8L), TableContract.scanIds(catalog.loadTable(TableIdentifier.of("db", "t"))));
            assertTrue(table.location().startsWith("memory://lake/warehouse/db/t"), table.location());
        }
    }

    @Test
    void aConfigFileIsReadOnceAndItsTextTravelsWithTheSerialisedFileIO() throws Exception {
        Path conf = dir.resolve("remote-store.conf");
        Files.writeString(conf, "remote-store { backends { d { type = local, root = \"" + dir.resolve("data").toString()
                .replace('\\', '/') + "\" } }, stores { lake { backend = d } } }");
        RemoteStoreFileIO io = fileIO(Map.of(RemoteStoreProperties.CONFIG_FILE, conf.toString(),
                RemoteStoreProperties.LOCATION_PREFIX + "lake", "lake://warehouse"));
        FileIOContract.write(io, "lake://warehouse/db/t/v1.json", new byte[] {1, 2, 3}, false);
        assertTrue(Files.isRegularFile(dir.resolve("data/db/t/v1.json")));
        for (String prefix : List.of("lake://warehouse", "lake://warehouse/")) { // the mapped prefix itself
            List<String> listed = new java.util.ArrayList<>();
            io.listPrefix(prefix).forEach(f -> listed.add(f.location()));
            assertEquals(List.of("lake://warehouse/db/t/v1.json"), listed);
        }

        Files.delete(conf); // an executor has no copy of the file
        RemoteStoreFileIO copy = FileIOContract.javaRoundTrip(io);
        try {
            assertArrayEquals(new byte[] {1, 2, 3}, FileIOContract.read(copy, "lake://warehouse/db/t/v1.json"));
            copy.deletePrefix("lake://warehouse");
            assertFalse(Files.exists(dir.resolve("data/db/t/v1.json")));
        } finally {
            copy.close();
            io.close();
        }
    }

    @Test
    void aBadConfigurationFailsAtInitialisationListingItsProblems() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> fileIO(Map.of(RemoteStoreProperties.CONFIG,
                "remote-store { backends { d { type = local, rot = x } }, stores { lake { backend = d } } }")));
        assertTrue(e.getMessage().contains("remote-store.backends.d.rot"), e.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> fileIO(Map.of(
                RemoteStoreProperties.LOCATION_PREFIX + "nope", "s3://bucket/warehouse")));
        assertTrue(unknown.getMessage().contains("no store named 'nope'"), unknown.getMessage());

        assertThrows(java.io.UncheckedIOException.class, () -> fileIO(Map.of(RemoteStoreProperties.CONFIG_FILE,
                dir.resolve("missing.conf").toString())));
        assertThrows(IllegalArgumentException.class, () -> fileIO(Map.of(RemoteStoreProperties.DELETE_THREADS, "0"))
                .deleteFiles(List.of()));
    }
}
