package dev.remotestore.spi;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * The streaming write of every backend that stores an object as parts (S3 multipart upload,
 * Azure staged blocks): one engine, with a {@link PartSink} per backend for the requests.
 *
 * <p>Bytes fill part buffers. A write of at most the threshold is one request at commit
 * ({@link PartSink#putWhole}). As soon as more is written the upload starts and every full part
 * is sent while the next one fills, at most {@link PartedWriteLimits#window()} at once; the writer
 * blocks when the window or the memory budget is used up, so memory stays within
 * {@link PartedWriteLimits} whatever the object's size. Commit sends the last part, waits for all,
 * and completes under the write's precondition.
 *
 * <p>Abort, and any failure (a part, the start, the completion, an interrupt), waits until the
 * parts in flight have settled and then aborts the upload, so that no part lands after it; the
 * first failure is thrown, later ones suppressed. Not thread-safe.
 *
 * @param <P> the sink's record of a sent part
 */
public final class PartedOutputStream<P> extends StoreOutputStream {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final PartSink<P> sink;
    private final String key;
    private final PartedWriteLimits limits;
    private final PartBuffers buffers;
    private final Semaphore inFlight;

    private final List<byte[]> pending = new ArrayList<>();
    private final List<CompletableFuture<P>> parts = new ArrayList<>();
    private byte[] current;
    private int fill;
    private long pendingBytes;
    private boolean started;
    private volatile RemoteStoreException partFailure;
    private State state = State.OPEN;

    /**
     * @param sink the backend's requests for this write
     * @param key the object's full key, for error messages
     * @param limits threshold, part size, window and memory budget
     */
    public PartedOutputStream(PartSink<P> sink, String key, PartedWriteLimits limits) {
        this.sink = Objects.requireNonNull(sink, "sink is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.buffers = new PartBuffers(limits.partSize(), limits.buffers());
        this.inFlight = new Semaphore(limits.window());
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureOpen();
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (current == null) {
                current = started ? takeBuffer() : buffers.takeOrAllocate();
                fill = 0;
            }
            int n = Math.min(len, current.length - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == current.length) {
                fullPart();
            } else if (!started && pendingBytes + fill > limits.threshold()) {
                startUpload(); // past the threshold with a part still filling: the object is multipart
            }
        }
    }

    private byte[] takeBuffer() {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failAndAbort(new RemoteStoreException("interrupted while waiting for a part buffer", key, e));
        }
    }

    private void fullPart() {
        byte[] part = current;
        current = null;
        fill = 0;
        if (!started) {
            pending.add(part);
            pendingBytes += part.length;
            if (pendingBytes > limits.threshold()) { // more than the threshold is buffered: the object is multipart
                startUpload();
            }
        } else {
            send(part, part.length);
        }
    }

    private void startUpload() {
        try {
            sink.start();
        } catch (RuntimeException e) {
            throw failAndAbort(e);
        }
        started = true;
        for (byte[] part : pending) {
            send(part, part.length);
        }
        pending.clear();
        pendingBytes = 0;
    }

    private void send(byte[] data, int length) {
        throwIfPartFailed();
        int partNumber = parts.size() + 1;
        if (partNumber > limits.maxParts()) {
            throw failAndAbort(new RemoteStoreException("the object needs more than " + limits.maxParts()
                    + " parts of " + limits.partSize() + " bytes; raise " + limits.partSizeKey(), key));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failAndAbort(new RemoteStoreException("interrupted while waiting for a part upload", key, e));
        }
        CompletableFuture<P> part;
        try {
            part = sink.uploadPart(partNumber, data, length);
        } catch (RuntimeException e) {
            inFlight.release();
            buffers.give(data);
            throw failAndAbort(sink.partFailed(partNumber, e));
        }
        parts.add(part.whenComplete((done, failure) -> {
            if (failure != null && partFailure == null) {
                partFailure = sink.partFailed(partNumber, failure);
            }
            buffers.give(data); // nothing reads it any more: the part is stored or failed
            inFlight.release();
        }));
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            WriteResult result;
            if (!started) {
                result = putWhole();
            } else {
                if (fill > 0) {
                    byte[] last = current;
                    current = null;
                    send(last, fill);
                }
                List<P> done = new ArrayList<>(parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    try {
                        done.add(parts.get(i).join());
                    } catch (CompletionException e) {
                        throw sink.partFailed(i + 1, e);
                    }
                }
                result = sink.complete(done);
            }
            state = State.COMMITTED;
            release();
            return result;
        } catch (RuntimeException e) {
            throw failAndAbort(e);
        }
    }

    private WriteResult putWhole() {
        int total = (int) pendingBytes + fill;
        byte[] whole;
        if (pending.isEmpty()) {
            whole = current == null ? new byte[0] : current;
        } else {
            whole = new byte[total];
            int at = 0;
            for (byte[] part : pending) {
                System.arraycopy(part, 0, whole, at, part.length);
                at += part.length;
            }
            if (fill > 0) {
                System.arraycopy(current, 0, whole, at, fill);
            }
        }
        return sink.putWhole(whole, total);
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        release();
        if (started) {
            // parts still uploading would be stored after an early abort: let them settle first
            for (CompletableFuture<P> part : parts) {
                try {
                    part.join();
                } catch (RuntimeException ignored) {
                    // the part failed; nothing of it is stored
                }
            }
            sink.abort();
        }
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private void release() {
        current = null;
        pending.clear();
        buffers.drop();
    }

    private RemoteStoreException failAndAbort(RuntimeException e) {
        RemoteStoreException failure = e instanceof RemoteStoreException rse ? rse
                : e.getCause() instanceof RemoteStoreException cause ? cause
                : sink.failed(e);
        try {
            abort();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    private void throwIfPartFailed() {
        RemoteStoreException failure = partFailure;
        if (failure != null) {
            throw failAndAbort(failure);
        }
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the stream is " + state.name().toLowerCase(Locale.ROOT) + ": " + key);
        }
        throwIfPartFailed();
    }
}
