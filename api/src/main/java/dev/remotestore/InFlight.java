package dev.remotestore;

import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.observability.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One observed operation: its start time, the bytes that passed, the first failure, and the
 * listeners' handles, each told of the end exactly once. Exists only when a listener is
 * registered. Bytes are counted by the one thread that uses a stream (streams are not
 * thread-safe); the end may come from any thread.
 */
final class InFlight {
    private static final Logger LOG = LoggerFactory.getLogger(InFlight.class);

    private final OperationHandle[] handles;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private long bytes;
    private Throwable failure;

    InFlight(OperationHandle[] handles) {
        this.handles = handles;
    }

    void addBytes(long n) {
        if (n > 0) {
            bytes += n;
        }
    }

    /** Remembers the first failure a stream saw; the operation ends with it when closed. */
    void failed(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /** Ends the operation: successfully unless a failure was seen. */
    void end() {
        finish(failure == null ? OperationResult.SUCCESS : failure.getClass().getSimpleName());
    }

    /** Ends the operation with {@code t} (unless another failure came first). */
    void end(Throwable t) {
        failed(t);
        end();
    }

    /** Ends a streaming write closed without a commit: aborted, or the failure that aborted it. */
    void abort() {
        finish(failure == null ? OperationResult.ABORTED : failure.getClass().getSimpleName());
    }

    Scope enter() {
        if (handles.length == 1) {
            return safeEnter(handles[0]);
        }
        Scope[] scopes = new Scope[handles.length];
        for (int i = 0; i < handles.length; i++) {
            scopes[i] = safeEnter(handles[i]);
        }
        return () -> {
            for (int i = scopes.length - 1; i >= 0; i--) {
                try {
                    scopes[i].close();
                } catch (RuntimeException e) {
                    LOG.warn("an operation listener's scope failed to close; ignored", e);
                }
            }
        };
    }

    private static Scope safeEnter(OperationHandle handle) {
        try {
            Scope scope = handle.enter();
            return scope == null ? Scope.NONE : scope;
        } catch (RuntimeException e) {
            LOG.warn("operation listener {} failed to enter; ignored", handle.getClass().getName(), e);
            return Scope.NONE;
        }
    }

    private void finish(String outcome) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        OperationResult result = new OperationResult(outcome, bytes, System.nanoTime() - startNanos, failure);
        for (OperationHandle handle : handles) {
            try {
                handle.onEnd(result);
            } catch (RuntimeException e) {
                LOG.warn("operation listener {} failed at the end of an operation; ignored", handle.getClass().getName(), e);
            }
        }
    }
}
