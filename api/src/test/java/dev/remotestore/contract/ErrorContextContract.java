package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.CopyOptions;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.IllegalPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every error leaving a store names the store, the backend type and the caller's own spelling of
 * the path, and says so in its message.
 */
public interface ErrorContextContract extends StoreFixture {

    private <E extends RemoteStoreException> E assertContext(Class<E> type, String path, Executable call) {
        E e = assertThrows(type, call);
        assertEquals(store().name(), e.storeName(), "storeName of " + e);
        assertEquals(store().backendType(), e.backendType(), "backendType of " + e);
        assertEquals(path, e.path(), "path of " + e);
        assertTrue(e.getMessage().contains(path), () -> "the message names the path: " + e.getMessage());
        assertFalse(e.detail().isBlank(), "the detail says what went wrong");
        return e;
    }

    @Test
    default void notFoundNamesTheStoreTheBackendAndTheCallersPath() {
        assertContext(NotFoundException.class, "missing/file.txt", () -> store().read("missing/file.txt"));
        assertContext(NotFoundException.class, "missing/file.txt", () -> store().readBytes("missing/file.txt"));
        assertContext(NotFoundException.class, "missing/file.txt", () -> store().getFileInfo("missing/file.txt"));
        assertContext(NotFoundException.class, "missing/file.txt", () -> store().openChannel("missing/file.txt"));
        assertContext(NotFoundException.class, "missing/file.txt", () -> store().delete("missing/file.txt"));
        assertContext(NotFoundException.class, "missing/file.txt",
                () -> store().copy("missing/file.txt", "target.txt", CopyOptions.overwrite()));
    }

    @Test
    default void theCallersSpellingIsKeptNotTheNormalisedKey() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> store().readBytes("./missing//file.txt"));

        assertEquals("./missing//file.txt", e.path());
        assertEquals(store().name(), e.storeName());
    }

    @Test
    default void alreadyExistsAndPreconditionFailedCarryTheContext() {
        String etag = store().writeText("taken.txt", "x", WriteOptions.overwrite()).etag();
        store().writeText("taken.txt", "y", WriteOptions.overwrite());

        String opening = store().name() + "/taken.txt (" + store().backendType() + ")";
        if (has(Capability.CREATE_ONLY)) {
            assertOpensWith("Already exists: " + opening,
                    assertContext(AlreadyExistsException.class, "taken.txt", () -> store().write("taken.txt", utf8("z"))));
        } else {
            assertContext(UnsupportedCapabilityException.class, "taken.txt", () -> store().write("taken.txt", utf8("z")));
        }
        if (has(Capability.COMPARE_AND_SWAP)) {
            assertOpensWith("Precondition failed: " + opening, assertContext(PreconditionFailedException.class, "taken.txt",
                    () -> store().writeText("taken.txt", "z", WriteOptions.ifMatch(etag))));
        } else {
            assertContext(UnsupportedCapabilityException.class, "taken.txt",
                    () -> store().writeText("taken.txt", "z", WriteOptions.ifMatch(etag)));
        }
        assertText("taken.txt", "y");
    }

    @Test
    default void folderNotEmptyCarriesTheContext() {
        put("full/f.txt", "x");

        assertContext(FolderNotEmptyException.class, "full", () -> store().deleteFolder("full", false));
    }

    /**
     * The same failure reads the same on every backend: a fixed headline, then the store, path
     * and backend, then the backend's own detail. (Already-exists and precondition-failed are
     * checked the same way in {@link #alreadyExistsAndPreconditionFailedCarryTheContext}.)
     */
    @Test
    default void everyBackendOpensTheMessageOfAFailureWithTheSameSentence() {
        String backend = " (" + store().backendType() + ")";
        String where = store().name() + "/";
        assertOpensWith("Not found: " + where + "missing/file.txt" + backend,
                assertThrows(NotFoundException.class, () -> store().readBytes("missing/file.txt")));
        assertOpensWith("Not found: " + where + "missing/file.txt" + backend,
                assertThrows(NotFoundException.class, () -> store().getFileInfo("missing/file.txt")));
        assertOpensWith("Not found: " + where + "missing/file.txt" + backend,
                assertThrows(NotFoundException.class, () -> store().delete("missing/file.txt")));
        put("full/f.txt", "x");
        assertOpensWith("Folder not empty: " + where + "full" + backend,
                assertThrows(FolderNotEmptyException.class, () -> store().deleteFolder("full", false)));
    }

    private static void assertOpensWith(String expected, RemoteStoreException e) {
        String message = e.getMessage();
        assertTrue(message.equals(expected) || message.startsWith(expected + ": "),
                () -> "expected the message to open with \"" + expected + "\", was: " + message);
    }

    @Test
    default void illegalPathCarriesTheContextWithControlCharactersEscaped() {
        assertContext(IllegalPathException.class, "../up.txt", () -> store().readBytes("../up.txt"));

        IllegalPathException e = assertThrows(IllegalPathException.class, () -> store().readBytes("bad\u0000name"));
        assertEquals(store().name(), e.storeName());
        assertFalse(e.getMessage().contains("\u0000"), "a NUL is not copied into the message");
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    default void unsupportedCapabilityCarriesTheContext() {
        Supplier<String> what = () -> "presign on " + store().backendType();
        if (has(Capability.PRESIGN)) {
            // A PRESIGN backend refuses nothing here; check the context on an unwrap instead.
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> store().unwrap(ErrorContextContract.class));
            assertEquals(store().name(), e.storeName(), what);
            assertEquals(store().backendType(), e.backendType(), what);
            return;
        }
        put("f.txt", "x");
        assertContext(UnsupportedCapabilityException.class, "f.txt", () -> store().presignRead("f.txt", Duration.ofMinutes(1)));
    }
}
