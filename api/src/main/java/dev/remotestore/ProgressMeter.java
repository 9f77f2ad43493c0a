package dev.remotestore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Counts a transfer's bytes and files from any thread and tells a {@link TransferListener} at a
 * bounded rate: at most once per {@link #INTERVAL_NANOS}, plus once when finished. Calls to the
 * listener are serialised; what it throws is swallowed.
 */
final class ProgressMeter implements LongConsumer {
    static final long INTERVAL_NANOS = 100_000_000L;

    private final TransferListener listener;
    private final LongSupplier clock;
    private final long start;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private volatile long bytesTotal;
    private volatile long filesTotal;
    private long lastCall;
    private long rateBytes;
    private long rateAt;
    private double rate;
    private boolean finished;

    ProgressMeter(TransferListener listener, long bytesTotal, long filesTotal) {
        this(listener, bytesTotal, filesTotal, System::nanoTime);
    }

    ProgressMeter(TransferListener listener, long bytesTotal, long filesTotal, LongSupplier clock) {
        this.listener = listener;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
        this.lastCall = start - INTERVAL_NANOS;
        this.rateAt = start;
    }

    /** Adds bytes moved; may call the listener. */
    @Override
    public void accept(long n) {
        bytes.addAndGet(n);
        maybeTell(false);
    }

    void fileDone() {
        files.incrementAndGet();
        maybeTell(false);
    }

    void totals(long bytesTotal, long filesTotal) {
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
    }

    void addBytesTotal(long n) {
        this.bytesTotal = Math.max(0, bytesTotal) + n;
    }

    long bytes() {
        return bytes.get();
    }

    /** The last call: the listener sees finished = true exactly once. */
    void finish() {
        maybeTell(true);
    }

    private void maybeTell(boolean last) {
        long now = clock.getAsLong();
        if (!last && now - lastCall < INTERVAL_NANOS) {
            return; // racy read: at worst one extra call, never a missing final one
        }
        TransferProgress snapshot;
        synchronized (this) {
            if (finished || (!last && now - lastCall < INTERVAL_NANOS)) {
                return;
            }
            lastCall = now;
            finished = last;
            long done = bytes.get();
            if (now - rateAt >= INTERVAL_NANOS || last) {
                double seconds = Math.max(1e-9, (now - rateAt) / 1e9);
                double recent = (done - rateBytes) / seconds;
                rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent;
                rateBytes = done;
                rateAt = now;
            }
            snapshot = new TransferProgress(done, bytesTotal, files.get(), filesTotal, rate,
                    Duration.ofNanos(now - start), last);
            try {
                listener.onProgress(snapshot);
            } catch (RuntimeException ignored) {
                // a listener's failure never fails the transfer (TransferListener's contract)
            }
        }
    }
}
