package dev.remotestore;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code log-operations = on}: one DEBUG line per operation on logger {@value #LOGGER} with the
 * store, backend, operation, path, bytes, duration and outcome. Never the failure's message or a
 * config value, so never a secret; the path is escaped like in error messages. Costs one level
 * check per operation while DEBUG is off.
 */
final class OperationLog implements OperationListener {
    static final String LOGGER = "dev.remotestore.ops";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public StoreListener bind(String storeName, String backendType) {
        return (operation, path) -> LOG.isDebugEnabled() ? handle(storeName, backendType, operation, path) : null;
    }

    private static OperationHandle handle(String store, String backend, Operation operation, String path) {
        return result -> LOG.debug("store={} backend={} operation={} path={} bytes={} duration={}ms outcome={}",
                store, backend, operation.tag(), path == null ? "-" : StorePaths.printable(path), result.bytes(),
                String.format(java.util.Locale.ROOT, "%.3f", result.durationNanos() / 1e6), result.outcome());
    }
}
