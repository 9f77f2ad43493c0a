package dev.remotestore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.TransferListener;
import dev.remotestore.TransferProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TransferListener} that keeps every call and checks the listener contract: calls never
 * overlap, counts never go down, exactly one last call with {@code finished = true}, at the
 * total, and no more calls than the rate bound allows.
 */
public final class ProgressRecorder implements TransferListener {
    /** The listener's promise: at most one call per 100 ms, plus the final one. */
    static final long INTERVAL_MILLIS = 100;

    private final List<TransferProgress> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;

    @Override
    public void onProgress(TransferProgress progress) {
        if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            calls.add(progress);
            if (progress.finished()) {
                endNanos = System.nanoTime();
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    public List<TransferProgress> calls() {
        return new ArrayList<>(calls);
    }

    /** The last call made. */
    public TransferProgress last() {
        return calls.get(calls.size() - 1);
    }

    /** Asserts the listener contract for a transfer that moved {@code bytes} in {@code files} files. */
    public void assertCompleted(long bytes, long files) {
        List<TransferProgress> seen = calls();
        assertFalse(seen.isEmpty(), "the listener was never called");
        assertEquals(0, overlaps.get(), "calls to one listener must not overlap");
        long finished = seen.stream().filter(TransferProgress::finished).count();
        assertEquals(1, finished, "exactly one call has finished = true: " + seen);
        assertTrue(last().finished(), "the finished call is the last one");
        for (int i = 1; i < seen.size(); i++) {
            TransferProgress a = seen.get(i - 1);
            TransferProgress b = seen.get(i);
            assertTrue(b.bytesDone() >= a.bytesDone(), "bytes went down: " + a + " then " + b);
            assertTrue(b.filesDone() >= a.filesDone(), "files went down: " + a + " then " + b);
        }
        for (TransferProgress p : seen) {
            if (p.bytesTotal() >= 0) {
                assertTrue(p.bytesDone() <= p.bytesTotal(), "bytes passed the total: " + p);
            }
        }
        assertEquals(bytes, last().bytesDone(), "the last call is at the total");
        assertEquals(bytes, last().bytesTotal());
        assertEquals(files, last().filesDone());
        assertEquals(files, last().filesTotal());
        assertEquals(1.0, last().fraction().orElseThrow(), 0.0);
        long elapsedMillis = (endNanos - startNanos) / 1_000_000;
        long allowed = elapsedMillis / INTERVAL_MILLIS + 2; // the first call, one per interval, the final one
        assertTrue(seen.size() <= allowed,
                seen.size() + " calls in " + elapsedMillis + " ms: more than one per " + INTERVAL_MILLIS + " ms");
    }
}
