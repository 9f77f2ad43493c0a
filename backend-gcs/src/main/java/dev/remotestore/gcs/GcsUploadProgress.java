package dev.remotestore.gcs;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The progress of one file upload through {@code Storage.createFrom}, fed by
 * {@link GcsCountingTransportOptions} as the upload's {@code PUT} bytes are handed to the
 * connection. It is bound to the uploading thread while open: the client builds and executes its
 * requests on the thread that called {@code createFrom} (its retries run there too), so the
 * counting interceptor finds it there and hands it to the request's content.
 *
 * <p>What it reports, as increments to {@code progress}: the furthest position in the file handed
 * to the connection so far, so a request resent from an earlier offset after a failure never makes
 * it go back; capped at one byte short of the size until {@link #confirmed()}, so the whole size
 * means GCS created the object. A client that does not count (one the caller built) reports
 * nothing until {@link #confirmed()}, which then reports the whole size in one step.
 */
final class GcsUploadProgress implements AutoCloseable {
    private static final ThreadLocal<GcsUploadProgress> CURRENT = new ThreadLocal<>();

    private final long size;
    private final LongConsumer progress;
    private final GcsUploadProgress previous;
    // written by the thread that writes the request body, which is not the uploading thread when
    // the HTTP client has a write timeout (it writes on its own executor then)
    private final AtomicLong reported = new AtomicLong();

    private GcsUploadProgress(long size, LongConsumer progress, GcsUploadProgress previous) {
        this.size = size;
        this.progress = progress;
        this.previous = previous;
    }

    /** Binds a new upload's progress to this thread until {@link #close()}. */
    static GcsUploadProgress start(long size, LongConsumer progress) {
        GcsUploadProgress started = new GcsUploadProgress(size, progress, CURRENT.get());
        CURRENT.set(started);
        return started;
    }

    /** The upload this thread is running, or null. */
    static GcsUploadProgress current() {
        return CURRENT.get();
    }

    /** The file's bytes before {@code position} have been handed to the connection. */
    void reached(long position) {
        advanceTo(Math.min(position, size - 1));
    }

    /** GCS created the object: the rest of the size. */
    void confirmed() {
        advanceTo(size);
    }

    private void advanceTo(long target) {
        for (long before = reported.get(); before < target; before = reported.get()) {
            if (reported.compareAndSet(before, target)) {
                progress.accept(target - before);
                return;
            }
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
