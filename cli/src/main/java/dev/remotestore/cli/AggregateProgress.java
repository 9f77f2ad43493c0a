package dev.remotestore.cli;

import dev.remotestore.TransferListener;
import dev.remotestore.TransferProgress;
import java.time.Duration;

/**
 * Sums the progress of many one-file transfers running at once (sync copies file by file) into
 * one {@link TransferProgress} for one listener, told at most ten times a second and once at the end.
 */
final class AggregateProgress {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final TransferListener listener;
    private final long bytesTotal;
    private final long filesTotal;
    private final long start = System.nanoTime();
    private long bytesDone;
    private long filesDone;
    private long lastCall = Long.MIN_VALUE;
    private boolean finished;

    AggregateProgress(TransferListener listener, long bytesTotal, long filesTotal) {
        this.listener = listener;
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
    }

    /** A listener for one file's transfer; its bytes count towards the whole. */
    TransferListener forFile() {
        return new TransferListener() {
            private long seen;

            @Override
            public void onProgress(TransferProgress p) {
                long delta = p.bytesDone() - seen;
                seen = p.bytesDone();
                add(delta, 0);
            }
        };
    }

    /** A file finished (copied, failed or deleted); {@code bytes} not reported by its listener count too. */
    void fileDone(long bytes) {
        add(bytes, 1);
    }

    synchronized void finish() {
        tell(System.nanoTime(), true);
    }

    private synchronized void add(long bytes, long files) {
        bytesDone += bytes;
        filesDone += files;
        long now = System.nanoTime();
        if (lastCall == Long.MIN_VALUE || now - lastCall >= INTERVAL_NANOS) {
            tell(now, false);
        }
    }

    private void tell(long now, boolean last) {
        if (finished) {
            return;
        }
        finished = last;
        lastCall = now;
        Duration elapsed = Duration.ofNanos(now - start);
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? bytesDone / seconds : 0;
        listener.onProgress(new TransferProgress(Math.min(bytesDone, bytesTotal), bytesTotal, filesDone, filesTotal, rate, elapsed, last));
    }
}
