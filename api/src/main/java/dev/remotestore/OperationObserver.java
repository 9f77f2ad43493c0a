package dev.remotestore;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.StoreListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one store, bound once. A store without listeners has no observer at all
 * (a null field), so an unobserved operation costs one null check.
 */
final class OperationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(OperationObserver.class);
    private static final OperationHandle[] NONE = new OperationHandle[0];

    private final StoreListener[] listeners;

    private OperationObserver(StoreListener[] listeners) {
        this.listeners = listeners;
    }

    /** The observer of store {@code name}, or null if no listener takes an interest in it. */
    static OperationObserver bind(List<OperationListener> listeners, String name, String backendType) {
        List<StoreListener> bound = new ArrayList<>(listeners.size());
        for (OperationListener listener : listeners) {
            try {
                StoreListener s = listener.bind(name, backendType);
                if (s != null) {
                    bound.add(s);
                }
            } catch (RuntimeException e) {
                LOG.warn("operation listener {} failed to bind store {}; it will not see that store",
                        listener.getClass().getName(), name, e);
            }
        }
        return bound.isEmpty() ? null : new OperationObserver(bound.toArray(new StoreListener[0]));
    }

    /** This observer plus {@code more} (either may be null). */
    static OperationObserver plus(OperationObserver observer, OperationObserver more) {
        if (observer == null) {
            return more;
        }
        if (more == null) {
            return observer;
        }
        StoreListener[] all = Arrays.copyOf(observer.listeners, observer.listeners.length + more.listeners.length);
        System.arraycopy(more.listeners, 0, all, observer.listeners.length, more.listeners.length);
        return new OperationObserver(all);
    }

    /** Starts an operation; null if every listener chose to ignore it. */
    InFlight start(Operation operation, String path) {
        OperationHandle[] handles = NONE;
        int n = 0;
        for (StoreListener listener : listeners) {
            OperationHandle h;
            try {
                h = listener.onStart(operation, path);
            } catch (RuntimeException e) {
                LOG.warn("operation listener {} failed at the start of an operation; ignored", listener.getClass().getName(), e);
                continue;
            }
            if (h != null) {
                if (n == handles.length) {
                    handles = Arrays.copyOf(handles, listeners.length);
                }
                handles[n++] = h;
            }
        }
        return n == 0 ? null : new InFlight(n == handles.length ? handles : Arrays.copyOf(handles, n));
    }
}
