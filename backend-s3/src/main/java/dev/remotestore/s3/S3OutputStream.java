package dev.remotestore.s3;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A streaming write. Bytes are buffered up to the multipart threshold; a write of at most the
 * threshold is one conditional PutObject at commit. As soon as one byte more is written, a
 * multipart upload starts and full parts are uploaded in parallel, at most {@code maxPartsInFlight} at once: the writer blocks when
 * that many are in flight, so memory stays at {@code (maxPartsInFlight + 1) × partSize} (plus
 * the threshold's worth before the upload starts), whatever the object's size. The precondition
 * is carried by CompleteMultipartUpload. Abort (or any failure) aborts the upload after its
 * in-flight parts settle, so no orphan parts stay behind. Not thread-safe.
 *
 * <p>Where the bytes go is an {@link S3PartSink}: the standard client for {@code s3}, the CRT
 * client for {@code s3-crt}. Create, complete and abort always go through {@link S3Uploads}.
 */
public final class S3OutputStream extends StoreOutputStream {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final S3Uploads uploads;
    private final S3PartSink sink;
    private final String key;
    private final WriteOptions options;
    private final long threshold;
    private final int partSize;
    private final Semaphore inFlight;

    private final List<byte[]> pending = new ArrayList<>();
    private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    private byte[] current;
    private int fill;
    private long pendingBytes;
    private String uploadId;
    private volatile RemoteStoreException partFailure;
    private State state = State.OPEN;

    /**
     * @param threshold writes up to this size are one PutObject
     * @param partSize the size of every part but the last
     * @param maxPartsInFlight parts sent at once; the writer blocks beyond that
     */
    public S3OutputStream(S3Uploads uploads, S3PartSink sink, String key, WriteOptions options, long threshold,
            long partSize, int maxPartsInFlight) {
        this.uploads = uploads;
        this.sink = sink;
        this.key = key;
        this.options = options;
        this.threshold = threshold;
        this.partSize = (int) Math.min(partSize, Integer.MAX_VALUE - 64);
        this.inFlight = new Semaphore(maxPartsInFlight);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (current == null) {
                current = new byte[partSize];
                fill = 0;
            }
            int n = Math.min(len, current.length - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == current.length) {
                fullPart();
            } else if (uploadId == null && pendingBytes + fill > threshold) {
                startUpload(); // past the threshold with a part still filling: the object is multipart
            }
        }
    }

    private void fullPart() {
        byte[] part = current;
        current = null;
        fill = 0;
        if (uploadId == null) {
            pending.add(part);
            pendingBytes += part.length;
            if (pendingBytes > threshold) { // more than the threshold is buffered: the object is multipart
                startUpload();
            }
        } else {
            submit(part, part.length);
        }
    }

    private void startUpload() {
        uploadId = uploads.create(key, options);
        for (byte[] part : pending) {
            submit(part, part.length);
        }
        pending.clear();
        pendingBytes = 0;
    }

    private void submit(byte[] data, int length) {
        throwIfPartFailed();
        int partNumber = parts.size() + 1;
        if (partNumber > S3Config.MAX_PARTS) {
            throw failAndAbort(new RemoteStoreException("the object needs more than " + S3Config.MAX_PARTS
                    + " parts of " + partSize + " bytes; raise multipart.part-size", key));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failAndAbort(new RemoteStoreException("interrupted while waiting for a part upload", key, e));
        }
        CompletableFuture<CompletedPart> part;
        try {
            part = sink.uploadPart(key, uploadId, partNumber, data, length);
        } catch (RuntimeException e) {
            inFlight.release();
            throw failAndAbort(e);
        }
        part.whenComplete((done, failure) -> {
            if (failure != null) {
                partFailure = S3Errors.map("UploadPart " + partNumber, key, failure);
            }
            inFlight.release();
        });
        parts.add(part);
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            WriteResult result;
            if (uploadId == null) {
                result = putWhole();
            } else {
                if (fill > 0) {
                    submit(current, fill);
                }
                List<CompletedPart> done = new ArrayList<>(parts.size());
                for (CompletableFuture<CompletedPart> part : parts) {
                    try {
                        done.add(part.join());
                    } catch (java.util.concurrent.CompletionException e) {
                        throw S3Errors.map("UploadPart", key, e);
                    }
                }
                done.sort(Comparator.comparing(CompletedPart::partNumber));
                result = uploads.complete(key, uploadId, done, options);
            }
            state = State.COMMITTED;
            current = null;
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
            pending.clear();
        }
        return sink.putObject(key, whole, total, options);
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        current = null;
        pending.clear();
        if (uploadId != null) {
            // parts still uploading would be stored after an early abort: let them settle first
            for (CompletableFuture<CompletedPart> part : parts) {
                try {
                    part.join();
                } catch (RuntimeException ignored) {
                    // the part failed; nothing of it is stored
                }
            }
            uploads.abort(key, uploadId);
        }
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private RemoteStoreException failAndAbort(RuntimeException e) {
        RemoteStoreException failure = e instanceof RemoteStoreException rse ? rse
                : e.getCause() instanceof RemoteStoreException cause ? cause
                : S3Errors.map("multipart upload", key, e);
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
