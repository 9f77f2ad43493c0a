package dev.remotestore.s3;

import java.lang.ref.Cleaner;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what a stream holds when its caller forgot to close it. A read stream or channel that
 * becomes unreachable without {@code close()} still leases an HTTP connection; the pool never
 * gets it back, and once every connection is leased each request waits and fails. Watching the
 * stream with a {@link Cleaner} lets the release (abort the request, return the connection) run
 * when the stream is collected, with one WARN naming what leaked.
 *
 * <p>Generic: any stream with a release action can be watched (the {@code s3-crt} backend's
 * streams too). The release action must not refer to the watched stream, or it never becomes
 * unreachable; keep the releasable state in a separate object.
 */
public final class StreamLeaks {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLeaks.class);
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "remote-store-stream-leaks");
        t.setDaemon(true);
        return t;
    });

    private StreamLeaks() {
    }

    /**
     * Watches {@code stream}: if it becomes unreachable before {@link Watch#closed()} is called,
     * {@code release} runs on the cleaner thread and a WARN names {@code description} (e.g.
     * {@code "a read stream of s3://bucket/key"}; never a secret).
     */
    public static Watch watch(Object stream, String description, Runnable release) {
        Objects.requireNonNull(stream, "stream is null");
        Release action = new Release(Objects.requireNonNull(description, "description is null"),
                Objects.requireNonNull(release, "release is null"));
        return new Watch(CLEANER.register(stream, action), action);
    }

    /** The handle of one watched stream. */
    public static final class Watch {
        private final Cleaner.Cleanable cleanable;
        private final Release action;

        private Watch(Cleaner.Cleanable cleanable, Release action) {
            this.cleanable = cleanable;
            this.action = action;
        }

        /** The owner closed the stream: runs the release now (at most once in all), without a WARN. */
        public void closed() {
            action.closedByOwner = true;
            cleanable.clean();
        }
    }

    private static final class Release implements Runnable {
        private final String description;
        private final Runnable release;
        private volatile boolean closedByOwner;

        Release(String description, Runnable release) {
            this.description = description;
            this.release = release;
        }

        @Override
        public void run() {
            if (!closedByOwner) {
                LOG.warn("{} was never closed: its request was aborted and its HTTP connection returned when the stream became "
                        + "unreachable. Close streams and channels (try-with-resources); until they are collected they hold "
                        + "connections of the pool (max-connections)", description);
            }
            try {
                release.run();
            } catch (RuntimeException e) {
                // a failing release must not kill the cleaner thread; the connection is dropped either way
                LOG.debug("releasing {} failed", description, e);
            }
        }
    }
}
