package dev.remotestore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a transfer's bytes and files from any thread and tells a {@link TransferListener} at a
 * bounded rate: at most once per {@link #INTERVAL_NANOS}, plus exactly once with
 * {@code finished = true} at {@link #finish()}. Calls to the listener are serialised, and a thread
 * that finds the listener busy does not wait for it (only the final call waits). What the
 * listener throws is logged once and otherwise ignored.
 *
 * <p>Reported byte counts never go down and never exceed a known total: a backend that resends
 * bytes (a retried part) may count them twice, and the cap keeps the bar honest at 100%.
 */
final class ProgressMeter implements LongConsumer {
    static final long INTERVAL_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);

    private final TransferListener listener;
    private final LongSupplier clock;
    private final long start;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final ReentrantLock calling = new ReentrantLock();
    private volatile long bytesTotal;
    private volatile long filesTotal;
    private volatile long lastCall;
    // guarded by calling
    private long reportedBytes;
    private long rateBytes;
    private long rateAt;
    private double rate;
    private boolean listenerFailed;

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
        if (n > 0) {
            bytes.addAndGet(n);
            maybeTell();
        }
    }

    /** One more file finished (copied, skipped or failed); may call the listener. */
    void fileDone() {
        files.incrementAndGet();
        maybeTell();
    }

    /** Sets the totals once they are known (a folder copy knows them after listing). */
    void totals(long bytesTotal, long filesTotal) {
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
    }

    /** The bytes counted so far, uncapped. */
    long bytes() {
        return bytes.get();
    }

    /**
     * The last call: the listener sees {@code finished = true} exactly once, whatever calls this
     * how often. Waits for a call in progress on another thread.
     */
    void finish() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        calling.lock();
        try {
            tell(clock.getAsLong(), true);
        } finally {
            calling.unlock();
        }
    }

    private void maybeTell() {
        long now = clock.getAsLong();
        if (now - lastCall < INTERVAL_NANOS || finishing.get()) {
            return;
        }
        if (!calling.tryLock()) {
            return; // another thread is telling the listener right now: this update rides on the next one
        }
        try {
            // re-checked under the lock: two threads may both have passed the unlocked test
            if (now - lastCall >= INTERVAL_NANOS && !finishing.get()) {
                tell(now, false);
            }
        } finally {
            calling.unlock();
        }
    }

    private void tell(long now, boolean last) {
        lastCall = now;
        long total = bytesTotal;
        long done = bytes.get();
        if (total >= 0) {
            done = Math.min(done, total);
        }
        done = Math.max(done, reportedBytes); // a total lowered later never makes the count go back
        reportedBytes = done;
        if (now - rateAt >= INTERVAL_NANOS) {
            double seconds = (now - rateAt) / 1e9;
            double recent = (done - rateBytes) / seconds;
            rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent;
            rateBytes = done;
            rateAt = now;
        } else if (last && rate == 0 && now > start) {
            rate = done / ((now - start) / 1e9); // a transfer shorter than one interval: its average
        }
        TransferProgress snapshot = new TransferProgress(done, total, files.get(), filesTotal, rate,
                Duration.ofNanos(Math.max(0, now - start)), last);
        try {
            listener.onProgress(snapshot);
        } catch (RuntimeException e) {
            // a listener's failure never fails the transfer (TransferListener's contract)
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("transfer listener {} failed; its failures are ignored", listener.getClass().getName(), e);
            }
        }
    }
}
