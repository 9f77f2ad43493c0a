package dev.remotestore.azure;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where Azure failures become the project's errors: {@link BlobStorageException}s
 * by HTTP status and error code, the {@code IOException}s that azure-storage-blob-nio wraps them
 * in, and transport failures. Messages keep the error code, status and request id, never a
 * credential (the SDK's own message can quote a signed URL, so it is not copied).
 */
final class AzureErrors {
    private AzureErrors() {
    }

    /** Maps a failure of an operation on {@code key} that is not a conditional write. */
    static RemoteStoreException map(String operation, String key, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof RemoteStoreException rse) {
            return rse;
        }
        if (t instanceof BlobStorageException e) {
            String detail = describe(operation, e);
            int status = e.getStatusCode();
            if (status == 404) {
                return new NotFoundException(detail, key, e);
            }
            if (status == 401 || status == 403) {
                return new PermissionDeniedException(detail, key, e);
            }
            if (status == 412) {
                return new PreconditionFailedException(detail, key, e);
            }
            if (status == 409 && BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())) {
                return new AlreadyExistsException(detail, key, e);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return new BackendUnavailableException(detail, key, e);
            }
            return new RemoteStoreException(detail, key, e);
        }
        if (t instanceof ClientAuthenticationException) {
            return new PermissionDeniedException(operation + " failed: authentication failed (" + t.getClass().getSimpleName() + ")", key, t);
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
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            // azure-storage-blob-nio reports a missing blob as a plain IOException with this text
            String message = String.valueOf(t.getMessage());
            if (message.contains("does not exist") || message.contains("BlobNotFound")) {
                return new NotFoundException(operation + " failed: no such file", key, t);
            }
            return new BackendUnavailableException(operation + " failed: " + t.getClass().getSimpleName() + ": " + message, key, t);
        }
        if (t instanceof AzureException) {
            // transport failures after the SDK's retries (timeouts, refused connections)
            return new BackendUnavailableException(operation + " failed: " + t.getClass().getSimpleName(), key, t);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RemoteStoreException(operation + " was interrupted", key, t);
        }
        if (t instanceof RuntimeException && t.getCause() instanceof IOException io) {
            // reactor wraps connection failures: Exceptions.ReactiveException(IOException)
            return new BackendUnavailableException(operation + " failed: " + io.getClass().getSimpleName() + ": " + io.getMessage(), key, t);
        }
        return new RemoteStoreException(operation + " failed: " + t.getClass().getName(), key, t);
    }

    /**
     * Maps a failure of a write made under {@code mode}: a failed precondition means the file
     * exists (create-only: Azure answers 412, Azurite 409 {@code BlobAlreadyExists}) or changed
     * or vanished (compare-and-swap: 412, or 404 for a missing blob).
     */
    static RemoteStoreException mapWrite(String operation, String key, WriteOptions.Mode mode, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof BlobStorageException e) {
            int status = e.getStatusCode();
            if (mode == WriteOptions.Mode.CREATE_ONLY && (status == 412 || isAlreadyExists(e))) {
                return new AlreadyExistsException("a file exists at this key (" + describe(operation, e) + ")", key, e);
            }
            if (mode == WriteOptions.Mode.IF_MATCH && (status == 412 || status == 404)) {
                return new PreconditionFailedException("the file changed or vanished (" + describe(operation, e) + ")", key, e);
            }
        }
        return map(operation, key, failure);
    }

    /** Whether the failure is a 412 (a request condition did not hold). */
    static boolean isPreconditionFailed(Throwable failure) {
        return unwrap(failure) instanceof BlobStorageException e && e.getStatusCode() == 412;
    }

    /** Whether the failure is a 416: a range that starts at or past the blob's end. */
    static boolean isRangeNotSatisfiable(Throwable failure) {
        return unwrap(failure) instanceof BlobStorageException e && e.getStatusCode() == 416;
    }

    /** Whether the failure is a 404 (missing blob or container). */
    static boolean isNotFound(Throwable failure) {
        return unwrap(failure) instanceof BlobStorageException e && e.getStatusCode() == 404;
    }

    /** Whether the failure is a 404 for the blob itself (the container exists). */
    static boolean isBlobNotFound(Throwable failure) {
        return unwrap(failure) instanceof BlobStorageException e && e.getStatusCode() == 404
                && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }

    private static boolean isAlreadyExists(BlobStorageException e) {
        return e.getStatusCode() == 409 && (BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode()) || e.getErrorCode() == null);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        // azure-storage-blob-nio wraps a BlobStorageException in an IOException
        if (t instanceof IOException && t.getCause() instanceof BlobStorageException cause) {
            return cause;
        }
        return t;
    }

    static String describe(String operation, BlobStorageException e) {
        StringBuilder sb = new StringBuilder(operation).append(" failed: ");
        sb.append(e.getErrorCode() == null ? "error" : e.getErrorCode().toString()).append(" (HTTP ").append(e.getStatusCode());
        String requestId = e.getResponse() == null ? null : e.getResponse().getHeaderValue("x-ms-request-id");
        if (requestId != null) {
            sb.append(", request id ").append(requestId);
        }
        return sb.append(')').toString();
    }
}
