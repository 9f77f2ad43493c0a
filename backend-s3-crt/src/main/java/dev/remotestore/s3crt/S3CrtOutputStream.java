package dev.remotestore.s3crt;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3Config;
import dev.remotestore.s3.S3Errors;
import dev.remotestore.s3.S3Uploads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A streaming write of unknown length. Bytes are buffered up to the multipart threshold; a write
 * that stays below it is one conditional PutObject on the CRT at commit. Past it, backend-s3's
 * {@link S3Uploads} starts a multipart upload on the standard client, every full part is sent
 * as an UploadPart on the CRT client, at most {@code multipart.max-parts-in-flight} at once (the
 * writer blocks beyond that, so the heap holds at most that many parts plus the one being
 * filled), and the completion carries the precondition.
 *
 * <p>Why not one CRT PutObject fed from this stream: the CRT pulls a request body on its own
 * event-loop thread and blocks there until the producer writes more, so a producer that uses
 * the same client meanwhile (another write, a read) waits on a thread that waits on it. Here
 * the CRT only ever gets complete, known-length parts.
 *
 * <p>Abort (or close without commit, or any failure) lets the parts in flight settle and aborts
 * the upload: no object and no upload remain. Not thread-safe.
 */
final class S3CrtOutputStream extends StoreOutputStream {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final S3CrtWrites writes;
    private final S3Uploads uploads;
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
    private State state = State.OPEN;

    S3CrtOutputStream(S3CrtWrites writes, S3Uploads uploads, String key, WriteOptions options, S3CrtConfig config) {
        this.writes = writes;
        this.uploads = uploads;
        this.key = key;
        this.options = options;
        this.threshold = config.s3().multipartThreshold();
        this.partSize = (int) Math.min(config.partSize(), Integer.MAX_VALUE - 64);
        this.inFlight = new Semaphore(config.s3().maxPartsInFlight());
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
                current = new byte[partSize];
                fill = 0;
            }
            int n = Math.min(len, current.length - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == current.length) {
                byte[] part = current;
                current = null;
                fill = 0;
                fullPart(part);
            }
        }
    }

    private void fullPart(byte[] part) {
        if (uploadId != null) {
            submit(part, part.length);
            return;
        }
        pending.add(part);
        pendingBytes += part.length;
        if (pendingBytes > threshold) {
            uploadId = guarded(() -> uploads.create(key, options));
            for (byte[] p : pending) {
                submit(p, p.length);
            }
            pending.clear();
            pendingBytes = 0;
        }
    }

    private void submit(byte[] data, int length) {
        int partNumber = parts.size() + 1;
        if (partNumber > S3Config.MAX_PARTS) {
            throw failAndAbort(new RemoteStoreException("the object needs more than " + S3Config.MAX_PARTS
                    + " parts of " + partSize + " bytes; raise crt.part-size", key));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failAndAbort(new RemoteStoreException("interrupted while waiting for a part upload", key, e));
        }
        CompletableFuture<CompletedPart> part = writes.uploadPart(key, uploadId, partNumber, data, length);
        part.whenComplete((p, t) -> inFlight.release());
        parts.add(part);
        CompletableFuture<CompletedPart> failed = parts.stream().filter(CompletableFuture::isCompletedExceptionally)
                .findFirst().orElse(null);
        if (failed != null) {
            throw failAndAbort(S3Errors.map("UploadPart", key, failed.handle((r, t) -> t).join()));
        }
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            WriteResult result;
            if (uploadId == null) {
                result = writes.put(key, whole(), options);
            } else {
                if (fill > 0) {
                    submit(current, fill);
                }
                List<CompletedPart> done = new ArrayList<>(parts.size());
                for (CompletableFuture<CompletedPart> part : parts) {
                    done.add(part.join());
                }
                result = uploads.complete(key, uploadId, done, options);
            }
            state = State.COMMITTED;
            current = null;
            return result;
        } catch (RuntimeException e) {
            throw failAndAbort(e);
        }
    }

    private byte[] whole() {
        byte[] whole = new byte[(int) pendingBytes + fill];
        int at = 0;
        for (byte[] part : pending) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        if (fill > 0) {
            System.arraycopy(current, 0, whole, at, fill);
        }
        pending.clear();
        return whole.length == 0 ? new byte[0] : whole;
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
            // a part still uploading would be stored after an early abort: let them settle first
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

    private <T> T guarded(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw failAndAbort(e);
        }
    }

    private RemoteStoreException failAndAbort(RuntimeException e) {
        RemoteStoreException failure = e instanceof RemoteStoreException rse ? rse : S3Errors.map("multipart upload", key, e);
        try {
            abort();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the stream is " + state.name().toLowerCase() + ": " + key);
        }
    }

    @Override
    public String toString() {
        return "S3CrtOutputStream{" + key + ", " + state + ", parts=" + parts.size() + '}';
    }
}
