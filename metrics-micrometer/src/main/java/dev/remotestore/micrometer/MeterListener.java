package dev.remotestore.micrometer;

import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.StoreListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Binds each store to its meters in one {@link MeterRegistry}. */
final class MeterListener implements OperationListener {
    /**
     * The in-flight counts per meter registry and store: a gauge is registered once per id, so
     * two registries (of ours) recording the same store into one meter registry share its count.
     * Weak keys: a meter registry that is dropped takes its counts with it.
     */
    private static final Map<MeterRegistry, Map<Tags, AtomicInteger>> ACTIVE = new WeakHashMap<>();

    private final MeterRegistry registry;

    MeterListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StoreListener bind(String storeName, String backendType) {
        Tags tags = Tags.of(MeterNames.TAG_STORE, storeName, MeterNames.TAG_BACKEND, backendType);
        return new StoreMeters(registry, tags, active(tags));
    }

    private AtomicInteger active(Tags tags) {
        synchronized (ACTIVE) {
            return ACTIVE.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).computeIfAbsent(tags, t -> {
                AtomicInteger count = new AtomicInteger();
                Gauge.builder(MeterNames.ACTIVE, count, AtomicInteger::get)
                        .description("store operations started and not yet ended (streams: not yet closed)")
                        .tags(t)
                        .strongReference(true)
                        .register(registry);
                return count;
            });
        }
    }
}
