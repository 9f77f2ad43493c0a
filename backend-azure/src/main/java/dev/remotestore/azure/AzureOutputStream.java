package dev.remotestore.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * A streaming write to a block blob. Bytes fill a buffer of {@code block-size}; a write that
 * never fills one is a single conditional Put Blob at commit. Each full buffer is staged as an
 * uncommitted block (Put Block), at most {@code max-concurrency} at once: the writer blocks when
 * that many are in flight, so memory stays at {@code (max-concurrency + 1) × block-size}
 * whatever the blob's size. Commit stages the last block and commits the block list (Put Block
 * List) with the write's precondition: only then does the blob appear or change.
 *
 * <p>Abort (or any failure) waits for in-flight blocks to settle and commits nothing: no blob
 * appears and a previous version stays as it was. Staged blocks cannot be deleted through the
 * Blob API without risking a committed blob; the service discards them at the blob's next
 * commit or after seven days (adr/0014-azure-backend.md). Not thread-safe.
 */
final class AzureOutputStream extends StoreOutputStream {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final AzureBlobs blobs;
    private final String key;
    private final WriteOptions options;
    private final int blockSize;
    private final ExecutorService executor;
    private final Semaphore inFlight;
    private final String uploadId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    private final List<String> blockIds = new ArrayList<>();
    private final List<CompletableFuture<Void>> staged = new ArrayList<>();
    private byte[] current;
    private int fill;
    private volatile RemoteStoreException stageFailure;
    private State state = State.OPEN;

    AzureOutputStream(AzureBlobs blobs, String key, WriteOptions options, AzureConfig config, ExecutorService executor) {
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.blockSize = (int) Math.min(config.blockSize(), Integer.MAX_VALUE - 64);
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.inFlight = new Semaphore(config.maxConcurrency());
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
                current = new byte[blockSize];
                fill = 0;
            }
            int n = Math.min(len, current.length - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == current.length) {
                byte[] full = current;
                current = null;
                fill = 0;
                stage(full, full.length);
            }
        }
    }

    private void stage(byte[] data, int length) {
        throwIfStageFailed();
        if (blockIds.size() >= AzureConfig.MAX_BLOCKS) {
            throw failAndAbort(new RemoteStoreException("the blob needs more than " + AzureConfig.MAX_BLOCKS
                    + " blocks of " + blockSize + " bytes; raise block-size", key));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failAndAbort(new RemoteStoreException("interrupted while waiting for a block upload", key, e));
        }
        // Every block id of a blob must have the same length: upload id + zero-padded index.
        String id = Base64.getEncoder().encodeToString(
                String.format(Locale.ROOT, "%s-%06d", uploadId, blockIds.size()).getBytes(StandardCharsets.US_ASCII));
        blockIds.add(id);
        BlockBlobClient client = blobs.block(key);
        staged.add(CompletableFuture.runAsync(() -> {
            try {
                client.stageBlockWithResponse(new BlockBlobStageBlockOptions(id,
                        BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length))), null, null);
            } catch (RuntimeException e) {
                RemoteStoreException mapped = AzureErrors.map("staging a block", key, e);
                stageFailure = mapped;
                throw mapped;
            } finally {
                inFlight.release();
            }
        }, executor));
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            WriteResult result;
            if (blockIds.isEmpty()) {
                byte[] whole = current == null ? new byte[0] : current;
                result = blobs.put(key, whole, fill, options);
            } else {
                if (fill > 0) {
                    stage(current, fill);
                }
                for (CompletableFuture<Void> block : staged) {
                    block.join();
                }
                result = blobs.commitBlocks(key, blockIds, options);
            }
            state = State.COMMITTED;
            current = null;
            return result;
        } catch (RuntimeException e) {
            throw failAndAbort(e);
        }
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        current = null;
        // a block still in flight would land after an early return; let each settle first
        for (CompletableFuture<Void> block : staged) {
            try {
                block.join();
            } catch (RuntimeException ignored) {
                // the block failed; nothing of it is stored
            }
        }
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private RemoteStoreException failAndAbort(RuntimeException e) {
        RemoteStoreException failure = e instanceof RemoteStoreException rse ? rse
                : e.getCause() instanceof RemoteStoreException cause ? cause
                : AzureErrors.map("streaming write", key, e);
        try {
            abort();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    private void throwIfStageFailed() {
        RemoteStoreException failure = stageFailure;
        if (failure != null) {
            throw failAndAbort(failure);
        }
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the stream is " + state.name().toLowerCase(Locale.ROOT) + ": " + key);
        }
        throwIfStageFailed();
    }
}
