package dev.remotestore.testing;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.observability.Scope;
import dev.remotestore.observability.StoreListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link OperationListener} that records what it hears, for tests: each start as
 * {@code store/backend op path}, each end as an {@link Ended}, and each scope entered, with the
 * thread it was entered on.
 */
public final class RecordingListener implements OperationListener {

    /** One ended operation. */
    public record Ended(String store, String backend, Operation operation, String path, OperationResult result) {
    }

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final List<String> entered = new CopyOnWriteArrayList<>();

    @Override
    public StoreListener bind(String storeName, String backendType) {
        return (operation, path) -> {
            started.add(storeName + "/" + backendType + " " + operation.tag() + " " + path);
            return new OperationHandle() {
                @Override
                public Scope enter() {
                    entered.add(operation.tag() + "@" + Thread.currentThread().getName());
                    return () -> entered.add("exit " + operation.tag());
                }

                @Override
                public void onEnd(OperationResult result) {
                    ended.add(new Ended(storeName, backendType, operation, path, result));
                }
            };
        };
    }

    public List<String> started() {
        return List.copyOf(started);
    }

    public List<Ended> ended() {
        return List.copyOf(ended);
    }

    public List<String> entered() {
        return List.copyOf(entered);
    }

    /** The only ended operation; fails if there is not exactly one. */
    public Ended only() {
        if (ended.size() != 1) {
            throw new AssertionError("expected one ended operation, got " + ended);
        }
        return ended.get(0);
    }

    public void clear() {
        started.clear();
        ended.clear();
        entered.clear();
    }
}
