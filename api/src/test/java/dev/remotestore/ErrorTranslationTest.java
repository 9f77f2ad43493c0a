package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever a backend throws leaves the store as a {@link RemoteStoreException} with the store's context. */
class ErrorTranslationTest {

    private RecordingBackend backend;
    private Store store;

    @BeforeEach
    void newStore() {
        backend = RecordingBackend.withCapabilities(Capabilities.all());
        store = Store.of("errs", backend, "root");
        store.write("present", new byte[] {1});
    }

    @Test
    void rawRuntimeExceptionBecomesARemoteStoreExceptionWithTheCause() {
        IllegalArgumentException raw = new IllegalArgumentException("sdk exploded");
        backend.failNextCallWith(raw);
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> store.readBytes("present"));
        assertEquals(RemoteStoreException.class, e.getClass());
        assertSame(raw, e.getCause());
        assertEquals("errs", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertEquals("present", e.path());
    }

    @Test
    void uncheckedNoSuchFileBecomesNotFound() {
        NoSuchFileException io = new NoSuchFileException("root/gone");
        backend.failNextCallWith(new UncheckedIOException(io));
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.getFileInfo("gone"));
        assertSame(io, e.getCause());
        assertEquals("gone", e.path());
        assertEquals("errs", e.storeName());
    }

    @Test
    void uncheckedAccessDeniedBecomesPermissionDenied() {
        backend.failNextCallWith(new UncheckedIOException(new AccessDeniedException("root/secret")));
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> store.delete("secret"));
        assertEquals("secret", e.path());
    }

    @Test
    void otherUncheckedIoBecomesARemoteStoreException() {
        IOException io = new IOException("disk on fire");
        backend.failNextCallWith(new UncheckedIOException(io));
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> store.isFile("present"));
        assertEquals(RemoteStoreException.class, e.getClass());
        assertSame(io, e.getCause());
    }

    @Test
    void backendErrorsKeepTheirTypeAndGetTheCallersPath() {
        backend.failNextCallWith(new FolderNotEmptyException("not empty", "root/dir"));
        FolderNotEmptyException e = assertThrows(FolderNotEmptyException.class, () -> store.deleteFolder("dir//", false));
        assertEquals("dir//", e.path());
        assertEquals("errs", e.storeName());
        assertEquals("Folder not empty: errs/dir// (" + RecordingBackendProvider.TYPE + "): not empty", e.getMessage());
    }

    @Test
    void unsupportedOperationInTheBackendIsWrapped() {
        // the fake's openChannel throws UnsupportedOperationException
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> store.openChannel("present"));
        assertTrue(e.getCause() instanceof UnsupportedOperationException, String.valueOf(e.getCause()));
    }

    @Test
    void deletingAMissingFileIsNotFoundButDeleteIfExistsIsFalse() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.delete("missing"));
        assertEquals("missing", e.path());
        assertEquals(false, store.deleteIfExists("missing"));
        assertEquals(true, store.deleteIfExists("present"));
    }

    @Test
    void failureWhileCreatingTheBackendIsARemoteStoreExceptionWithItsType() {
        String tag = RecordingBackendProvider.FAIL_ON_CREATE + "-" + java.util.UUID.randomUUID();
        try (Registry registry = Registry.fromHocon("""
                remote-store {
                  backends { main { type = test-recording, name-tag = "%s" } }
                  stores { data { backend = main } }
                }
                """.formatted(tag))) {
            RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> registry.getStore("data"));
            assertEquals(RemoteStoreException.class, e.getClass());
            assertEquals(RecordingBackendProvider.TYPE, e.backendType());
            assertTrue(e.getMessage().contains("'main'"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            assertEquals(0, RecordingBackendProvider.created(tag).size());
        }
    }
}
