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
import org.junit.jupiter.api.Test;

/** Building a local backend in code: the root, the probes, unwrap, ping and close. */
class LocalBackendBuilderTest extends LocalBackendFixture {
    @Test
    void unwrapGivesTheRootPathAndNothingElse() {
        assertEquals(root.toAbsolutePath(), store.unwrap(Path.class));
        assertEquals(java.util.Set.of(Path.class), store.unwrapTypes());
        assertThrows(dev.remotestore.UnsupportedCapabilityException.class, () -> store.unwrap(LocalBackend.class),
                "the backend itself is not lent: a caller could close it behind its owner");
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
