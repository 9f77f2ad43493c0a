package dev.remotestore;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates one named backend lazily, exactly once, and closes it. */
final class BackendHandle {
    private static final Logger LOG = LoggerFactory.getLogger(BackendHandle.class);

    private final BackendProvider provider;
    private final BackendSettings settings;
    private Backend backend;
    private boolean closed;

    BackendHandle(BackendProvider provider, BackendSettings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    synchronized Backend get() {
        if (closed) {
            throw new StoreClosedException("backend '" + settings.backendName() + "' is closed", null);
        }
        if (backend == null) {
            try {
                backend = provider.create(settings);
            } catch (RemoteStoreException e) {
                throw e.withBackendType(settings.type());
            } catch (RuntimeException e) {
                throw new RemoteStoreException("cannot create backend '" + settings.backendName() + "': " + e, null, e)
                        .withBackendType(settings.type());
            }
            LOG.debug("created backend {} of type {}", settings.backendName(), settings.type());
        }
        return backend;
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backend != null) {
            try {
                backend.close();
                LOG.debug("closed backend {}", settings.backendName());
            } catch (RemoteStoreException e) {
                throw e.withBackendType(settings.type());
            } catch (RuntimeException e) {
                throw new RemoteStoreException("closing backend '" + settings.backendName() + "' failed: " + e, null, e)
                        .withBackendType(settings.type());
            }
        }
    }

    /**
     * Closes every handle, carrying on past failures: returns {@code first}, or else the first
     * failure, with the later ones suppressed into it; null when nothing failed.
     */
    static RuntimeException closeAll(Iterable<BackendHandle> handles, RuntimeException first) {
        for (BackendHandle h : handles) {
            try {
                h.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
