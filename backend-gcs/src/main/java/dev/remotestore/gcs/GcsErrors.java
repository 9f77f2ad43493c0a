package dev.remotestore.gcs;

import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.StorageException;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * The one place where GCS failures become the project's errors: {@link StorageException}s of the
 * {@code Storage} client (by HTTP status: 404, 401/403, 412, 429, 5xx, which the client has
 * already retried) and the {@code java.nio.file} exceptions of google-cloud-nio. Messages keep
 * the status and GCS's reason, never a credential.
 */
final class GcsErrors {
    private GcsErrors() {
    }

    /** Maps a failure of an operation on {@code key} that is not a conditional write. */
    static RemoteStoreException map(String operation, String key, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof RemoteStoreException rse) {
            return rse;
        }
        if (t instanceof StorageException e) {
            return mapStorage(operation, key, e);
        }
        if (t instanceof NoSuchFileException) {
            return new NotFoundException(operation + " failed: no such file", key, t);
        }
        if (t instanceof FileAlreadyExistsException) {
            return new AlreadyExistsException(operation + " failed: a file exists at this key", key, t);
        }
        if (t instanceof AccessDeniedException) {
            return new PermissionDeniedException(operation + " failed: access denied", key, t);
        }
        if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
            Thread.currentThread().interrupt();
            return new RemoteStoreException(operation + " was interrupted", key, t);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return new BackendUnavailableException(operation + " failed: " + t.getMessage(), key, t);
        }
        return new RemoteStoreException(operation + " failed: " + t, key, t);
    }

    /**
     * Maps a failure of a write (or copy) made under {@code mode}: a failed precondition means the
     * file exists (create-only) or changed or vanished (compare-and-swap).
     */
    static RemoteStoreException mapWrite(String operation, String key, WriteOptions.Mode mode, Throwable failure) {
        Throwable t = unwrap(failure);
        boolean preconditionFailed = isPreconditionFailed(t);
        if (mode == WriteOptions.Mode.CREATE_ONLY && preconditionFailed) {
            return new AlreadyExistsException("a file exists at this key (" + describe(operation, t) + ")", key, t);
        }
        if (mode == WriteOptions.Mode.IF_MATCH && (preconditionFailed || isNotFound(t))) {
            return new PreconditionFailedException("the file changed or vanished (" + describe(operation, t) + ")", key, t);
        }
        return map(operation, key, failure);
    }

    /** Whether the failure is a missing object or bucket. */
    static boolean isNotFound(Throwable failure) {
        Throwable t = unwrap(failure);
        return (t instanceof StorageException e && e.getCode() == 404)
                || t instanceof NoSuchFileException
                || (t instanceof StorageException e2 && e2.getCause() instanceof NoSuchFileException);
    }

    /**
     * Whether a generation precondition failed: HTTP 412 from GCS. google-cloud-nio's in-memory
     * fake reports it as a code-0 {@code StorageException} around a {@link FileAlreadyExistsException}.
     */
    static boolean isPreconditionFailed(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StorageException e) {
            return e.getCode() == 412 || e.getCause() instanceof FileAlreadyExistsException;
        }
        return t instanceof FileAlreadyExistsException;
    }

    /**
     * The HTTP status GCS answered, looked for along the cause chain (the client's read channel
     * wraps its {@code StorageException} in an {@link IOException}); 0 when there was no answer.
     */
    static int httpStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException e && e.getCode() != BaseServiceException.UNKNOWN_CODE) {
                return e.getCode();
            }
        }
        return 0;
    }

    private static RemoteStoreException mapStorage(String operation, String key, StorageException e) {
        String detail = describe(operation, e);
        int code = e.getCode();
        if (code == 404 || e.getCause() instanceof NoSuchFileException) {
            return new NotFoundException(detail, key, e);
        }
        if (code == 401 || code == 403) {
            return new PermissionDeniedException(detail, key, e);
        }
        if (code == 412) {
            return new PreconditionFailedException(detail, key, e);
        }
        if (e.getCause() instanceof FileAlreadyExistsException) {
            return new AlreadyExistsException(detail, key, e);
        }
        if (code == 408 || code == 429 || code >= 500) {
            return new BackendUnavailableException(detail, key, e);
        }
        if (code == BaseServiceException.UNKNOWN_CODE && e.getCause() instanceof IOException) {
            // no HTTP answer at all: connection refused, reset, timed out (after the client's retries)
            return new BackendUnavailableException(detail, key, e);
        }
        return new RemoteStoreException(detail, key, e);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(String operation, Throwable t) {
        if (!(t instanceof StorageException e)) {
            return operation + " failed: " + t.getClass().getSimpleName();
        }
        StringBuilder sb = new StringBuilder(operation).append(" failed: ");
        sb.append(e.getReason() == null ? "error" : e.getReason()).append(" (HTTP ").append(e.getCode()).append(')');
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message);
        } else if (e.getCause() != null) {
            sb.append(": ").append(e.getCause().getClass().getSimpleName());
        }
        return sb.toString();
    }
}
