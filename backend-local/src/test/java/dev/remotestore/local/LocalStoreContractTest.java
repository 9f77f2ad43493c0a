package dev.remotestore.local;

import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import dev.remotestore.contract.StoreContractSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The whole Store contract against {@code type = local}: a new temporary directory per test. */
class LocalStoreContractTest extends StoreContractSuite {
    private Path dir;
    private Path closingDir;

    @Override
    protected Store newStore() {
        try {
            dir = Files.createTempDirectory("rs-contract-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Store.of("loc", LocalBackend.create(dir));
    }

    @Override
    protected ClosingStore newStoreToClose() {
        try {
            closingDir = Files.createTempDirectory("rs-contract-closing-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalBackend backend = LocalBackend.create(closingDir);
        return new ClosingStore(Store.of("loc-closing", backend), backend::close);
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            deleteTree(dir);
            deleteTree(closingDir);
            closingDir = null;
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the test directory " + root, e);
        }
    }
}
