package dev.remotestore.iceberg;

import dev.remotestore.RemoteStoreException;

/**
 * Maps our errors onto the Iceberg exceptions Iceberg checks for, in one place: a missing file
 * becomes {@link org.apache.iceberg.exceptions.NotFoundException} (metadata refreshes stop
 * retrying on it; drops and cleanups skip it), a create-only write that found the file becomes
 * {@link org.apache.iceberg.exceptions.AlreadyExistsException}. The original stays the cause, so
 * the store, backend and path remain visible. Every other error passes unchanged: it is already
 * unchecked, typed and names the store and path.
 */
final class IcebergErrors {
    private IcebergErrors() {
    }

    static RuntimeException map(RemoteStoreException e, String location) {
        if (e instanceof dev.remotestore.NotFoundException) {
            return new org.apache.iceberg.exceptions.NotFoundException(e, "File does not exist: %s", location);
        }
        if (e instanceof dev.remotestore.AlreadyExistsException) {
            return new org.apache.iceberg.exceptions.AlreadyExistsException(e, "File already exists: %s", location);
        }
        return e;
    }
}
