package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Preconditions hold under contention, and readers never see a partial write. These are the
 * guarantees a commit protocol (Delta Lake, Iceberg) builds on.
 */
public interface ConcurrencyContract extends StoreFixture {

    int RACERS = 16;
    int CAS_THREADS = 8;
    int CAS_INCREMENTS = 50;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void exactlyOneOfManyRacingCreateOnlyWritesWins() throws Exception {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("race.txt", () -> store().writeText("race.txt", "x", WriteOptions.createOnly()));
            return;
        }
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String content = "writer-" + i;
            racers.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                try {
                    store().writeText("race.txt", content, WriteOptions.createOnly());
                    return content;
                } catch (AlreadyExistsException lost) {
                    return null;
                }
            });
        }

        List<String> winners = new ArrayList<>();
        for (String outcome : runAll(racers)) {
            if (outcome != null) {
                winners.add(outcome);
            }
        }

        assertEquals(1, winners.size(), "exactly one winner, the others get AlreadyExistsException: " + winners);
        assertText("race.txt", winners.get(0));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void compareAndSwapCounterLosesNoIncrement() throws Exception {
        String initialEtag = store().writeText("counter", "0", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().writeText("counter", "1", WriteOptions.ifMatch(initialEtag)));
            assertText("counter", "0");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(tuning().serverCompareAndSwapIsAtomic(),
                "the server under test evaluates If-Match and then writes, in two steps (a documented defect of"
                        + " that server, not of the backend); this test runs against servers that do it atomically");
        CyclicBarrier start = new CyclicBarrier(CAS_THREADS);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < CAS_THREADS; t++) {
            workers.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                int retries = 0;
                for (int i = 0; i < CAS_INCREMENTS; i++) {
                    while (true) {
                        // etag first: a value read after it is at least as new, so a stale pair fails the swap
                        String etag = store().getFileInfo("counter").etag();
                        int value = Integer.parseInt(store().readText("counter"));
                        try {
                            store().writeText("counter", Integer.toString(value + 1), WriteOptions.ifMatch(etag));
                            break;
                        } catch (PreconditionFailedException lost) {
                            retries++;
                        }
                    }
                }
                return retries;
            });
        }

        runAll(workers);

        assertText("counter", Integer.toString(CAS_THREADS * CAS_INCREMENTS));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void readersSeeTheWholeOldOrTheWholeNewFileDuringOverwrites() throws Exception {
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[300 * 1024 + 1];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        put("flip.bin", a);
        AtomicBoolean writing = new AtomicBoolean(true);

        Callable<Integer> writer = () -> {
            try {
                for (int i = 0; i < 40; i++) {
                    put("flip.bin", i % 2 == 0 ? b : a);
                }
                return 40;
            } finally {
                writing.set(false);
            }
        };
        Callable<Integer> reader = () -> {
            int reads = 0;
            while (writing.get() || reads == 0) {
                byte[] seen = store().readBytes("flip.bin");
                if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                    fail("a reader saw a partial write: " + seen.length + " bytes");
                }
                reads++;
            }
            return reads;
        };

        List<Integer> counts = runAll(List.of(writer, reader, reader));
        assertTrue(counts.get(1) > 0 && counts.get(2) > 0);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void concurrentWritesToDifferentPathsAllLand() throws Exception {
        List<Callable<Void>> writers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int n = i;
            writers.add(() -> {
                for (int j = 0; j < 10; j++) {
                    store().write("w" + n + "/f" + j, utf8(n + "/" + j), WriteOptions.overwrite());
                }
                return null;
            });
        }

        runAll(writers);

        assertEquals(RACERS * 10, allPaths().size());
        assertText("w7/f3", "7/3");
    }

    /** Runs the tasks on their own threads; rethrows the first failure (assertion errors included). */
    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(4, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw (Exception) e.getCause();
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
