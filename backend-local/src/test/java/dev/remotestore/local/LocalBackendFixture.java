package dev.remotestore.local;

import dev.remotestore.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A local backend on a fresh root under a temp dir, and a look at what is really on disk. */
abstract class LocalBackendFixture {
    @TempDir
    Path temp;

    Path root;
    LocalBackend backend;
    Store store;

    @BeforeEach
    void openBackend() {
        root = temp.resolve("root");
        backend = LocalBackend.create(root);
        store = Store.of("t", backend);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    /** Every name anywhere under the root, temp files included. */
    Set<String> everythingOnDisk() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).collect(Collectors.toSet());
        }
    }
}
