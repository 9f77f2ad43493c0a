package dev.remotestore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns whatever a backend throws into a {@link RemoteStoreException} carrying the store's
 * context. The single place where a {@link Store} maps failures.
 */
final class ErrorTranslator {
    private final String storeName;
    private final String backendType;

    ErrorTranslator(String storeName, String backendType) {
        this.storeName = storeName;
        this.backendType = backendType;
    }

    /** Maps {@code failure} for the caller's {@code path} (may be null). */
    RemoteStoreException translate(Throwable failure, String path) {
        RemoteStoreException e;
        if (failure instanceof RemoteStoreException rse) {
            e = rse;
        } else if (failure instanceof UncheckedIOException uio) {
            e = fromIo(uio.getCause(), path);
        } else if (failure instanceof IOException io) {
            e = fromIo(io, path);
        } else {
            e = new RemoteStoreException("unexpected failure: " + failure, path, failure); // the message adds the backend
        }
        return e.attachContext(storeName, backendType, StorePaths.printable(path));
    }

    private static RemoteStoreException fromIo(IOException io, String path) {
        if (io instanceof NoSuchFileException) {
            return new NotFoundException("not found", path, io);
        }
        if (io instanceof AccessDeniedException) {
            return new PermissionDeniedException("permission denied", path, io);
        }
        return new RemoteStoreException("I/O failure: " + io, path, io);
    }
}
