package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.NotFoundException;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.Store;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreLocation;
import dev.remotestore.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stores opened from file:// URLs, plain paths and memory:// URLs through a registry. */
class LocalUrlStoresTest {
    @TempDir
    Path dir;

    private static Registry emptyRegistry() {
        return Registry.of(RegistryConfig.builder().build());
    }

    @Test
    void fileUrlOpensTheFoldersStoreAndTheFilesPath() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "a,b\n");
        try (Registry registry = emptyRegistry()) {
            StoreLocation at = registry.open(dir.toUri().toString() + "in.csv");
            assertEquals("in.csv", at.path());
            assertEquals("local", at.store().backendType());
            assertEquals("a,b\n", at.store().readText(at.path()));
            at.store().write("out.csv", "x".getBytes(StandardCharsets.UTF_8));
            assertEquals("x", Files.readString(dir.resolve("out.csv")), "the store is rooted at the URL's folder");
        }
    }

    @Test
    void plainPathAndFileUrlReachTheSameFile() throws Exception {
        try (Registry registry = emptyRegistry()) {
            StoreLocation plain = registry.open(dir.resolve("p.txt").toString());
            plain.store().write(plain.path(), "plain".getBytes(StandardCharsets.UTF_8));
            StoreLocation url = registry.open("file://" + dir.resolve("p.txt"));
            assertEquals("plain", url.store().readText(url.path()));
        }
    }

    /** Names the contract suite uses: written through one store, read back through the URL of each. */
    @ParameterizedTest
    @ValueSource(strings = {"with space.txt", "ünïcødé 文件.txt", "plus+sign.txt", "per%cent.txt", "per%25cent", "a?b#c.txt",
            "sub dir/x+y%z.bin"})
    void uriOfAPathOpensThatFile(String name) throws Exception {
        try (Registry registry = emptyRegistry()) {
            for (String base : new String[] {dir.toUri().toString(), "memory://round/trip/"}) {
                StoreLocation folder = registry.open(base);
                byte[] data = (base + name).getBytes(StandardCharsets.UTF_8);
                folder.store().write(name, data, WriteOptions.overwrite());
                String uri = folder.uri(name).toString();
                StoreLocation back = registry.open(uri);
                assertArrayEquals(data, back.store().readBytes(back.path()), uri);
            }
            assertTrue(Files.exists(dir.resolve(name)), "the local file carries the decoded name");
        }
    }

    @Test
    void sameMemoryNameSharesOneBackendAndOtherNamesDoNot() {
        try (Registry registry = emptyRegistry()) {
            StoreLocation a = registry.open("memory://shared/x/file.txt");
            a.store().write(a.path(), "1".getBytes(StandardCharsets.UTF_8));
            Store whole = registry.openFolder("memory://shared");
            assertEquals("1", whole.readText("x/file.txt"), "a second URL of the same space sees the first one's write");
            Store other = registry.openFolder("memory://other");
            assertFalse(other.exists("x/file.txt"));
        }
    }

    @Test
    void memoryIsGoneWithItsRegistryAndClosedStoresRefuseWork() {
        Store kept;
        try (Registry registry = emptyRegistry()) {
            kept = registry.openFolder("memory://m/data/");
            kept.write("k", new byte[] {1});
        }
        assertThrows(StoreClosedException.class, () -> kept.readBytes("k"));
        try (Registry next = emptyRegistry()) {
            assertThrows(NotFoundException.class, () -> next.openFolder("memory://m/data").readBytes("k"));
        }
        Registry closed = emptyRegistry();
        closed.close();
        assertThrows(StoreClosedException.class, () -> closed.open("memory://m/x"));
    }

    @Test
    void openFolderRootsTheStoreAtTheWholeKey() {
        try (Registry registry = emptyRegistry()) {
            Store folder = registry.openFolder("memory://f/a/b");
            assertEquals("a/b", folder.rootPath());
            folder.write("c.txt", new byte[] {7});
            StoreLocation at = registry.open("memory://f/a/b/c.txt");
            assertEquals("a/b", at.store().rootPath());
            assertArrayEquals(new byte[] {7}, at.store().readBytes("c.txt"));
        }
    }

    @Test
    void unknownQueryParameterIsRefusedByName() {
        try (Registry registry = emptyRegistry()) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.open("memory://m/x?colour=blue"));
            assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
            assertFalse(e.getMessage().contains("blue"), "values are never echoed: " + e.getMessage());
            e = assertThrows(InvalidConfigException.class, () -> registry.open("file:///tmp/x?type=s3"));
            assertTrue(e.getMessage().contains("types that can: local"), e.getMessage());
        }
    }

    @Test
    void schemeWhoseBackendIsAbsentNamesTheArtifact() {
        // backend-local's tests have no S3, GCS or Azure backend on the class path
        try (Registry registry = emptyRegistry()) {
            for (String[] c : new String[][] {{"s3://b/k", "remote-store-backend-s3"}, {"gs://b/k", "remote-store-backend-gcs"},
                    {"az://c/k", "remote-store-backend-azure"}}) {
                InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.open(c[0]));
                assertTrue(e.getMessage().contains("dev.remotestore:" + c[1]), e.getMessage());
            }
        }
    }
}
