package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.StorageException;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions.Mode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every GCS failure becomes the project's error in {@link GcsErrors}, with the native one as cause. */
class GcsErrorsTest {

    private static StorageException status(int code) {
        return new StorageException(code, "gcs says " + code, "reason" + code, null);
    }

    @Test
    void notFoundIs404() {
        StorageException e = status(404);
        RemoteStoreException mapped = GcsErrors.map("read", "a/b.txt", e);
        assertInstanceOf(NotFoundException.class, mapped);
        assertEquals("a/b.txt", mapped.path());
        assertSame(e, mapped.getCause());
        assertTrue(mapped.getMessage().contains("HTTP 404"), mapped.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void unauthenticatedAndForbiddenArePermissionDenied(int code) {
        assertInstanceOf(PermissionDeniedException.class, GcsErrors.map("read", "k", status(code)));
        assertInstanceOf(PermissionDeniedException.class, GcsErrors.mapWrite("write", "k", Mode.CREATE_ONLY, status(code)));
    }

    @Test
    void preconditionFailedIs412AndMeansWhatTheWriteAsked() {
        assertInstanceOf(PreconditionFailedException.class, GcsErrors.map("read", "k", status(412)));
        assertInstanceOf(AlreadyExistsException.class, GcsErrors.mapWrite("write", "k", Mode.CREATE_ONLY, status(412)));
        assertInstanceOf(PreconditionFailedException.class, GcsErrors.mapWrite("write", "k", Mode.IF_MATCH, status(412)));
    }

    @Test
    void aCompareAndSwapOnAVanishedObjectIsAFailedPrecondition() {
        assertInstanceOf(PreconditionFailedException.class, GcsErrors.mapWrite("write", "k", Mode.IF_MATCH, status(404)));
        assertInstanceOf(NotFoundException.class, GcsErrors.mapWrite("write", "k", Mode.OVERWRITE, status(404)));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void throttlingAndServerErrorsLeftAfterRetriesAreUnavailable(int code) {
        RemoteStoreException mapped = GcsErrors.map("list", "dir", status(code));
        assertInstanceOf(BackendUnavailableException.class, mapped);
        assertTrue(mapped.getMessage().contains("HTTP " + code), mapped.getMessage());
    }

    @Test
    void codeZeroWithAnIoCauseIsANetworkFailure() {
        StorageException e = new StorageException(new SocketTimeoutException("read timed out"));
        assertEquals(0, e.getCode());
        assertInstanceOf(BackendUnavailableException.class, GcsErrors.map("read", "k", e));
    }

    @Test
    void codeZeroAroundFileAlreadyExistsIsTheFakesFailedPrecondition() {
        StorageException e = new StorageException(new FileAlreadyExistsException("k"));
        assertEquals(0, e.getCode());
        assertTrue(GcsErrors.isPreconditionFailed(e));
        assertInstanceOf(AlreadyExistsException.class, GcsErrors.mapWrite("copy", "k", Mode.CREATE_ONLY, e));
        assertInstanceOf(PreconditionFailedException.class, GcsErrors.mapWrite("write", "k", Mode.IF_MATCH, e));
    }

    @Test
    void codeZeroWithoutACauseIsAPlainRemoteStoreException() {
        RemoteStoreException mapped = GcsErrors.map("write", "k", new StorageException(0, "something odd"));
        assertEquals(RemoteStoreException.class, mapped.getClass());
    }

    @Test
    void otherClientErrorsArePlainRemoteStoreExceptions() {
        assertEquals(RemoteStoreException.class, GcsErrors.map("write", "k", status(400)).getClass());
    }

    @Test
    void nioExceptionsBecomeTheProjectsErrors() {
        assertInstanceOf(NotFoundException.class, GcsErrors.map("read", "k", new NoSuchFileException("gs://b/k")));
        assertInstanceOf(AlreadyExistsException.class, GcsErrors.map("write", "k", new FileAlreadyExistsException("gs://b/k")));
        assertInstanceOf(BackendUnavailableException.class, GcsErrors.map("read", "k", new IOException("connection reset")));
        assertTrue(GcsErrors.isNotFound(new NoSuchFileException("gs://b/k")));
    }

    @Test
    void theHttpStatusIsFoundAlongTheCauseChain() {
        assertEquals(412, GcsErrors.httpStatus(new IOException(new IOException("read failed", status(412)))));
        assertEquals(416, GcsErrors.httpStatus(status(416)));
        assertEquals(0, GcsErrors.httpStatus(new IOException("connection reset")));
        assertEquals(0, GcsErrors.httpStatus(new StorageException(new SocketTimeoutException("timed out"))));
    }

    @Test
    void aProjectErrorPassesThroughUnchanged() {
        NotFoundException already = new NotFoundException("gone", "k");
        assertSame(already, GcsErrors.map("read", "k", already));
    }

    @Test
    void interruptionKeepsTheInterruptFlag() {
        try {
            RemoteStoreException mapped = GcsErrors.map("read", "k", new InterruptedException());
            assertTrue(Thread.currentThread().isInterrupted());
            assertFalse(mapped instanceof BackendUnavailableException);
        } finally {
            Thread.interrupted();
        }
    }
}
