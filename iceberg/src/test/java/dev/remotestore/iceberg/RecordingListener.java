package dev.remotestore.iceberg;

import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.StoreListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * A listener found by ServiceLoader, as the observability modules are: every registry of the test
 * JVM reports its named stores' operations here. Tests filter by the unique store names they use,
 * and may hook the start of an operation (to hold a writer at a chosen point).
 */
final class RecordingListener {
    record Event(String store, Operation operation, String path, String outcome, long bytes) {
    }

    private static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();
    /** Called on the caller's thread at each operation's start: (store, operation + " " + path). */
    static volatile BiConsumer<String, String> onStart = (store, what) -> { };

    private RecordingListener() {
    }

    static List<Event> of(String store) {
        return EVENTS.stream().filter(e -> e.store().equals(store)).toList();
    }

    /** Registered in META-INF/services; an always-on feature of its own. */
    public static final class Provider implements ListenerProvider {
        @Override
        public String feature() {
            return "iceberg-test-recorder";
        }

        @Override
        public OperationListener create(ObservabilitySettings settings) {
            return (store, backend) -> (StoreListener) (operation, path) -> {
                onStart.accept(store, operation + " " + path);
                return result -> EVENTS.add(new Event(store, operation, path, result.outcome(), result.bytes()));
            };
        }
    }
}
