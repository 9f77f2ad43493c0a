package dev.remotestore.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteResult;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one parted-write engine with a recording sink: what is sent, how many parts are in flight,
 * how many buffers exist, and what happens on failure.
 */
class PartedOutputStreamTest {
    private static final int PART = 64 * 1024;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Stores parts in memory; each part completes after {@code delayMillis} on the pool, or when released. */
    final class RecordingSink implements PartSink<Integer> {
        final Map<Integer, byte[]> stored = new ConcurrentHashMap<>();
        final Set<byte[]> distinctBuffers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final long delayMillis;
        volatile int failPart = -1;
        byte[] whole;

        RecordingSink(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public WriteResult putWhole(byte[] data, int length) {
            calls.add("putWhole");
            whole = java.util.Arrays.copyOf(data, length);
            return new WriteResult("k", "\"whole\"", Optional.empty());
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public CompletableFuture<Integer> uploadPart(int partNumber, byte[] data, int length) {
            distinctBuffers.add(data);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(delayMillis);
                    if (partNumber == failPart) {
                        throw new IllegalStateException("part " + partNumber + " broke");
                    }
                    stored.put(partNumber, java.util.Arrays.copyOf(data, length));
                    return partNumber;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }, pool);
        }

        @Override
        public WriteResult complete(List<Integer> parts) {
            calls.add("complete " + parts);
            return new WriteResult("k", "\"parts\"", Optional.empty());
        }

        @Override
        public void abort() {
            calls.add("abort with " + inFlight.get() + " in flight");
        }

        @Override
        public RemoteStoreException partFailed(int partNumber, Throwable failure) {
            return new BackendUnavailableException("UploadPart " + partNumber + " failed", "k", failure);
        }

        @Override
        public RemoteStoreException failed(Throwable failure) {
            return new RemoteStoreException("write failed", "k", failure);
        }

        byte[] assembled() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 1; i <= stored.size(); i++) {
                out.writeBytes(stored.get(i));
            }
            return out.toByteArray();
        }
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        return data;
    }

    private static void writeInChunks(StoreOutputStream out, byte[] data, int chunk) {
        for (int at = 0; at < data.length; at += chunk) {
            out.write(data, at, Math.min(chunk, data.length - at));
        }
    }

    @Test
    void writeWithinTheThresholdIsOnePutWhole() {
        RecordingSink sink = new RecordingSink(0);
        byte[] data = bytes(3 * PART); // three full parts, threshold is four
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", new PartedWriteLimits(4L * PART, PART, 8, 16L * PART,
                10_000, "part-size"));
        writeInChunks(out, data, 1000);
        assertEquals("\"whole\"", out.commit().etag());
        assertEquals(List.of("putWhole"), sink.calls);
        assertArrayEquals(data, sink.whole);
    }

    @Test
    void largeWriteSendsEveryPartInOrderAndCompletes() {
        RecordingSink sink = new RecordingSink(1);
        byte[] data = bytes(37 * PART + 123);
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", new PartedWriteLimits(2L * PART, PART, 8, 16L * PART,
                10_000, "part-size"));
        writeInChunks(out, data, 7_777);
        assertEquals("\"parts\"", out.commit().etag());
        assertArrayEquals(data, sink.assembled());
        assertEquals("start", sink.calls.get(0));
        assertTrue(sink.calls.get(1).startsWith("complete [1, 2, 3,"), sink.calls.toString());
    }

    @Test
    void memoryBudgetSetsTheWindowAndBuffersAreReused() {
        // budget 6 parts: one filling, five in flight (the cap of 16 is above it)
        RecordingSink sink = new RecordingSink(20);
        PartedWriteLimits limits = new PartedWriteLimits(PART, PART, 16, 6L * PART, 10_000, "part-size");
        assertEquals(5, limits.window());
        byte[] data = bytes(60 * PART);
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", limits);
        writeInChunks(out, data, PART / 2);
        out.commit();
        assertArrayEquals(data, sink.assembled());
        assertEquals(5, sink.maxInFlight.get(), "the window is filled, never exceeded");
        // 60 parts went through at most 6 buffers (+1 filled before the upload started, beside the pool at most)
        assertTrue(sink.distinctBuffers.size() <= 6, "buffers: " + sink.distinctBuffers.size());
    }

    @Test
    void maxPartsInFlightCapsTheWindowBelowTheBudget() {
        RecordingSink sink = new RecordingSink(20);
        PartedWriteLimits limits = new PartedWriteLimits(PART, PART, 3, 32L * PART, 10_000, "part-size");
        assertEquals(3, limits.window());
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", limits);
        writeInChunks(out, bytes(30 * PART), PART);
        out.commit();
        assertEquals(3, sink.maxInFlight.get());
        assertTrue(sink.distinctBuffers.size() <= 5, "buffers: " + sink.distinctBuffers.size());
    }

    @Test
    void thresholdAboveTheBudgetIsBufferedBesideThePoolWithoutDeadlock() {
        RecordingSink sink = new RecordingSink(1);
        // one-request writes up to 10 parts, but a budget of 3: the threshold's parts sit beside the pool
        PartedWriteLimits limits = new PartedWriteLimits(10L * PART, PART, 16, 3L * PART, 10_000, "part-size");
        byte[] data = bytes(25 * PART + 5);
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", limits);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            writeInChunks(out, data, 10_000);
            out.commit();
        });
        writing.orTimeout(30, TimeUnit.SECONDS).join();
        assertArrayEquals(data, sink.assembled());
        assertTrue(sink.maxInFlight.get() <= 11, "in flight: " + sink.maxInFlight.get());
    }

    @Test
    void failedPartAbortsAfterEveryPartSettledAndThrowsTheMappedError() {
        RecordingSink sink = new RecordingSink(30);
        sink.failPart = 3;
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", new PartedWriteLimits(PART, PART, 4, 8L * PART,
                10_000, "part-size"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> {
            writeInChunks(out, bytes(40 * PART), PART);
            out.commit();
        });
        assertTrue(e.getMessage().contains("UploadPart 3"), e.getMessage());
        assertEquals("abort with 0 in flight", sink.calls.get(sink.calls.size() - 1));
        assertFalse(sink.calls.stream().anyMatch(c -> c.startsWith("complete")));
        assertFalse(out.isCommitted());
        assertThrows(IllegalStateException.class, () -> out.write(1));
    }

    @Test
    void abortBeforeTheUploadStartedSendsNothing() {
        RecordingSink sink = new RecordingSink(0);
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", new PartedWriteLimits(4L * PART, PART, 4, 8L * PART,
                10_000, "part-size"));
        out.write(bytes(PART + 1));
        out.close();
        assertEquals(List.of(), sink.calls);
    }

    @Test
    void tooManyPartsFailsNamingThePartSizeKeyAndAborts() {
        RecordingSink sink = new RecordingSink(0);
        StoreOutputStream out = new PartedOutputStream<>(sink, "k", new PartedWriteLimits(PART, PART, 4, 8L * PART,
                3, "multipart.part-size"));
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> writeInChunks(out, bytes(5 * PART), PART));
        assertTrue(e.getMessage().contains("raise multipart.part-size"), e.getMessage());
        assertTrue(sink.calls.get(sink.calls.size() - 1).startsWith("abort"), sink.calls.toString());
    }

    @Test
    void aBudgetOfFewerThanTwoPartsIsRefused() {
        assertTrue(PartedWriteLimits.budgetProblem(PART + 1, PART).isPresent());
        assertEquals(Optional.empty(), PartedWriteLimits.budgetProblem(2L * PART, PART));
        assertThrows(IllegalArgumentException.class, () -> new PartedWriteLimits(PART, PART, 4, PART, 10_000, "p"));
    }

    /**
     * Retained heap while the window is full and the link has stalled: at most the budget (plus
     * slack for the test's own objects), however much more the writer has to send. The part size
     * is a little under 4 MiB on purpose: G1 stores an array larger than half a region in whole
     * regions, so a part of exactly 4 MiB (+ its header) occupies 8 MiB of heap where regions are
     * 4 MiB, which is the collector's rounding, not the stream's retention (README, Performance).
     */
    @Test
    void retainedHeapWithAStalledLinkStaysWithinTheBudget() throws Exception {
        int part = 4 * 1024 * 1024 - 1024;
        long budget = 8L * part; // 32 MiB: one filling, seven in flight
        CompletableFuture<Void> link = new CompletableFuture<>();
        AtomicInteger sent = new AtomicInteger();
        PartSink<Integer> stalled = new PartSink<>() {
            @Override
            public WriteResult putWhole(byte[] data, int length) {
                throw new AssertionError("not a small write");
            }

            @Override
            public void start() {
            }

            @Override
            public CompletableFuture<Integer> uploadPart(int partNumber, byte[] data, int length) {
                sent.incrementAndGet();
                return link.thenApply(v -> partNumber);
            }

            @Override
            public WriteResult complete(List<Integer> parts) {
                return new WriteResult("k", "\"parts\"", Optional.empty());
            }

            @Override
            public void abort() {
            }

            @Override
            public RemoteStoreException partFailed(int partNumber, Throwable failure) {
                return new RemoteStoreException("part failed", "k", failure);
            }

            @Override
            public RemoteStoreException failed(Throwable failure) {
                return new RemoteStoreException("failed", "k", failure);
            }
        };
        long before = usedHeapAfterGc();
        StoreOutputStream out = new PartedOutputStream<>(stalled, "k", new PartedWriteLimits(part, part, 64, budget,
                10_000, "part-size"));
        byte[] chunk = new byte[64 * 1024];
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 64L * part / chunk.length; i++) { // 256 MiB to write
                out.write(chunk);
            }
        }, pool);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sent.get() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the writer is now blocked on the budget
        long retained = usedHeapAfterGc() - before;
        assertEquals(7, sent.get(), "the window is the budget less the part filling");
        assertFalse(writer.isDone());
        assertTrue(retained <= budget + 4L * 1024 * 1024, "retained " + retained / 1024 / 1024 + " MiB with a budget of "
                + budget / 1024 / 1024 + " MiB");
        link.complete(null); // the link recovers: the rest goes through the same buffers
        writer.get(60, TimeUnit.SECONDS);
        assertSame("\"parts\"", out.commit().etag());
        assertEquals(64, sent.get());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
