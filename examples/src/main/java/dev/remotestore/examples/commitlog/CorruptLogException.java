package dev.remotestore.examples.commitlog;

import dev.remotestore.RemoteStoreException;

/**
 * A file of a commit log does not hold what the log wrote there (a truncated or foreign
 * checkpoint). Names the store and the file.
 */
public class CorruptLogException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    CorruptLogException(String detail, String storeName, String backendType, String path, Throwable cause) {
        super(detail + " (store '" + storeName + "')", path, cause);
        withBackendType(backendType);
    }
}
