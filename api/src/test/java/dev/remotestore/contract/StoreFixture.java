package dev.remotestore.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * What every contract needs: a fresh, empty store per test, and the few helpers the contracts
 * share. Setup writes go through {@link #put} (overwrite), so contracts that are not about
 * preconditions run on backends without {@link Capability#CREATE_ONLY} too.
 */
public interface StoreFixture {

    /** The store under test: fresh and empty for every test. */
    Store store();

    /** How hard the heavy contracts push; {@link StoreContractSuite} takes it from its hooks. */
    default ContractTuning tuning() {
        return ContractTuning.DEFAULTS;
    }

    /**
     * A store on a backend of its own, for the contracts that close it; {@code null} when the
     * suite supplies none (those contracts then do not run, and say why).
     */
    default ClosingStore storeToClose() {
        return null;
    }

    /** Whether the store under test declares {@code capability}. */
    default boolean has(Capability capability) {
        return store().capabilities().has(capability);
    }

    /** Writes {@code data} at {@code path}, replacing anything there. */
    default void put(String path, byte[] data) {
        store().write(path, data, WriteOptions.overwrite());
    }

    /** Writes {@code text} as UTF-8 at {@code path}, replacing anything there. */
    default void put(String path, String text) {
        put(path, utf8(text));
    }

    /** The paths of the files {@code listFiles} returns, as a set; the stream is closed. */
    default Set<String> listPaths(String folder, ListOptions options) {
        try (Stream<FileInfo> files = store().listFiles(folder, options)) {
            return files.map(FileInfo::path).collect(Collectors.toSet());
        }
    }

    /** Every file in the store, recursively. */
    default Set<String> allPaths() {
        return listPaths("", ListOptions.recursive());
    }

    /** Asserts that the file holds exactly {@code expected}. */
    default void assertContent(String path, byte[] expected) {
        assertArrayEquals(expected, store().readBytes(path), "content of " + path);
    }

    /** Asserts that the file holds exactly {@code expected} as UTF-8. */
    default void assertText(String path, String expected) {
        assertEquals(expected, store().readText(path), "content of " + path);
    }

    /**
     * For a request that needs a capability the store lacks: asserts it is refused with
     * {@link UnsupportedCapabilityException} and that the store is still empty of {@code path}.
     */
    default void assertRefusedUnsupported(String path, Executable request) {
        assertThrows(UnsupportedCapabilityException.class, request,
                "backend " + store().backendType() + " lacks the capability and must refuse");
        assertFalse(store().isFile(path), "a refused request must write nothing at " + path);
    }

    /** {@code size} pseudo-random bytes, the same for the same seed. */
    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
