package dev.remotestore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.Capability;
import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building a local backend in code: the root, the probes, unwrap, ping and close. */
class LocalBackendBuilderTest {
    @TempDir
    Path temp;

    private Path root;
    private LocalBackend backend;
    private Store store;

    @BeforeEach
    void setUp() {
        root = temp.resolve("root");
        backend = LocalBackend.create(root);
        store = Store.of("t", backend);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private Set<String> everythingOnDisk() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void unwrapGivesTheRootPathAndTheBackend() {
        assertEquals(root.toAbsolutePath(), store.unwrap(Path.class));
        assertEquals(backend, store.unwrap(LocalBackend.class));
    }

    @Test
    void createRootFalseRefusesAMissingRoot() {
        assertThrows(NotFoundException.class,
                () -> LocalBackend.builder(temp.resolve("absent")).createRoot(false).build());
    }

    @Test
    void pingChecksTheRootAndCloseIsIdempotent() throws IOException {
        backend.ping();
        LocalBackend other = LocalBackend.create(temp.resolve("other"));
        Files.delete(temp.resolve("other"));
        assertThrows(NotFoundException.class, other::ping);
        other.close();
        other.close();
    }

    @Test
    void fsyncWritesStillWork() {
        LocalBackend synced = LocalBackend.builder(temp.resolve("synced")).fsync(true).build();
        Store s = Store.of("s", synced);
        s.write("a/b.txt", "durable".getBytes(UTF_8));
        s.write("a/b.txt", "again".getBytes(UTF_8), WriteOptions.overwrite());
        assertEquals("again", s.readText("a/b.txt"));
    }

    @Test
    void declaresTheCapabilitiesItsFilesystemSupports() {
        // /tmp is ext4 here: hard links and user extended attributes
        assertEquals(Set.of(Capability.CREATE_ONLY, Capability.COMPARE_AND_SWAP, Capability.ATOMIC_MOVE,
                Capability.CONTENT_TYPE, Capability.USER_METADATA), backend.capabilities().asSet());
    }

    @Test
    void probingTheFilesystemLeavesNothingInTheRoot() throws IOException {
        assertEquals(Set.of(), everythingOnDisk());
    }
}
