package dev.remotestore.spi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The part buffers of one stream: allocated on demand up to a fixed count, then reused as parts
 * finish. Taking blocks while every buffer is filling or in flight, which is what bounds a
 * stream's memory. Buffers come back from the threads that complete parts.
 *
 * <p>Before a write is known to be multipart it may buffer up to its threshold, which can be
 * larger than the budget (a backend set to send everything as one request): those buffers are
 * allocated beside the pool and dropped once sent.
 */
final class PartBuffers {
    private final int size;
    private final Semaphore available;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final Set<byte[]> beside = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    PartBuffers(int size, int count) {
        this.size = size;
        this.available = new Semaphore(count);
    }

    /** A buffer of the part size, new or reused; waits while all are taken. */
    byte[] take() throws InterruptedException {
        available.acquire();
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[size];
    }

    /** A pooled buffer if one is free now, else one beside the pool (for the threshold's bytes). */
    byte[] takeOrAllocate() {
        if (available.tryAcquire()) {
            byte[] buffer = free.poll();
            return buffer != null ? buffer : new byte[size];
        }
        byte[] extra = new byte[size];
        beside.add(extra);
        return extra;
    }

    /** Gives a buffer back once nothing reads it any more. */
    void give(byte[] buffer) {
        if (beside.remove(buffer)) {
            return; // not the pool's: let it go
        }
        free.add(buffer);
        available.release();
    }

    /** Lets the pooled buffers go (the stream is finished). */
    void drop() {
        free.clear();
    }
}
