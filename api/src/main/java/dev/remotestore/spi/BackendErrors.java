package dev.remotestore.spi;

import dev.remotestore.RemoteStoreException;
import java.io.IOException;

/** Errors that every backend raises alike. */
public final class BackendErrors {
    private BackendErrors() {
    }

    /** The caller's input stream failed while a write was reading it. */
    public static RemoteStoreException readingInput(String key, IOException cause) {
        return new RemoteStoreException("reading the input stream failed: " + cause.getMessage(), key, cause);
    }
}
