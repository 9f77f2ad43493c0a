package dev.remotestore.iceberg;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delete per location on a few threads, attempting every one and counting failures.
 * The locations are read lazily, and at most {@code 2 × threads} deletes wait at once, so a
 * list of millions (an expire-snapshots run) does not sit in memory as tasks.
 */
final class BulkDeletes {
    private static final Logger LOG = LoggerFactory.getLogger(BulkDeletes.class);

    private BulkDeletes() {
    }

    /** The number of locations whose delete failed. */
    static int run(Iterable<String> locations, int threads, Consumer<String> delete) {
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "remote-store-iceberg-delete");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> inFlight = new ArrayList<>();
            Iterator<String> it = locations.iterator();
            while (it.hasNext()) {
                String location = it.next();
                inFlight.add(pool.submit(() -> {
                    try {
                        delete.accept(location);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        LOG.warn("could not delete {}: {}", location, e.toString());
                    }
                }));
                if (inFlight.size() >= 2 * threads) {
                    awaitAll(inFlight);
                }
            }
            awaitAll(inFlight);
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting files", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause()); // not reached: tasks catch their failures
            }
        }
        futures.clear();
    }
}
