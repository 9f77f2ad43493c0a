package dev.remotestore.micrometer;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.observability.StoreListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One store's meters, resolved once at bind and on the first use of each outcome, so an
 * operation costs two atomic updates, a timer record and, with bytes, a counter increment; no
 * meter lookup and no allocation.
 */
final class StoreMeters implements StoreListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicInteger active;
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final OperationHandle[] handles;
    private final Timer[] successTimers;
    @SuppressWarnings("unchecked")
    private final Map<String, Timer>[] otherTimers = new Map[Operation.values().length];

    StoreMeters(MeterRegistry registry, Tags tags, AtomicInteger active) {
        this.registry = registry;
        this.tags = tags;
        this.active = active;
        this.bytesRead = bytes("read");
        this.bytesWritten = bytes("write");
        Operation[] ops = Operation.values();
        this.handles = new OperationHandle[ops.length];
        this.successTimers = new Timer[ops.length];
        for (Operation op : ops) {
            handles[op.ordinal()] = result -> ended(op, result);
            otherTimers[op.ordinal()] = new ConcurrentHashMap<>();
        }
    }

    @Override
    public OperationHandle onStart(Operation operation, String path) {
        active.incrementAndGet();
        return handles[operation.ordinal()];
    }

    private void ended(Operation operation, OperationResult result) {
        active.decrementAndGet();
        timer(operation, result.outcome()).record(result.durationNanos(), TimeUnit.NANOSECONDS);
        if (result.bytes() > 0) {
            switch (operation.direction()) {
                case READ -> bytesRead.increment(result.bytes());
                case WRITE -> bytesWritten.increment(result.bytes());
                case NONE -> {
                }
            }
        }
    }

    private Timer timer(Operation operation, String outcome) {
        int i = operation.ordinal();
        if (OperationResult.SUCCESS.equals(outcome)) {
            Timer t = successTimers[i];
            if (t == null) {
                // A race registers the same id twice; the registry returns the one timer both times.
                t = newTimer(operation, outcome);
                successTimers[i] = t;
            }
            return t;
        }
        return otherTimers[i].computeIfAbsent(outcome, o -> newTimer(operation, o));
    }

    private Timer newTimer(Operation operation, String outcome) {
        return Timer.builder(MeterNames.OPERATION)
                .description("store operations; streams, channels and listings until closed")
                .tags(tags)
                .tag(MeterNames.TAG_OPERATION, operation.tag())
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }

    private Counter bytes(String direction) {
        return Counter.builder(MeterNames.BYTES)
                .description("file content read from or written to the store")
                .baseUnit("bytes")
                .tags(tags)
                .tag(MeterNames.TAG_DIRECTION, direction)
                .register(registry);
    }
}
