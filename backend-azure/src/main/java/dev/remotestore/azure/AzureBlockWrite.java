package dev.remotestore.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.PartSink;
import dev.remotestore.spi.PartedOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One streaming write to a block blob as the SPI's part engine sees it. A write that never fills
 * a block is one conditional Put Blob. Otherwise each block is staged (Put Block, uncommitted, on
 * the backend's pool: the Blob client blocks), and completion commits the block list (Put Block
 * List) with the write's precondition: only then does the blob appear or change.
 *
 * <p>Abort commits nothing: no blob appears and a previous version stays as it was. Staged
 * blocks cannot be deleted through the Blob API without risking a committed blob; the service
 * discards them at the blob's next commit or after seven days (adr/0014-azure-backend.md).
 */
final class AzureBlockWrite implements PartSink<String> {
    private final AzureBlobs blobs;
    private final String key;
    private final WriteOptions options;
    private final ExecutorService executor;
    private final String uploadId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private BlockBlobClient client;

    private AzureBlockWrite(AzureBlobs blobs, String key, WriteOptions options, ExecutorService executor) {
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    /** A streaming write of {@code key} within {@code config}'s block size, concurrency and memory budget. */
    static StoreOutputStream open(AzureBlobs blobs, String key, WriteOptions options, AzureConfig config,
            ExecutorService executor) {
        return new PartedOutputStream<>(new AzureBlockWrite(blobs, key, options, executor), key,
                config.partedWriteLimits());
    }

    @Override
    public WriteResult putWhole(byte[] data, int length) {
        return blobs.put(key, data, length, options);
    }

    @Override
    public void start() {
        client = blobs.block(key);
    }

    @Override
    public CompletableFuture<String> uploadPart(int partNumber, byte[] data, int length) {
        // every block id of a blob must have the same length: upload id + zero-padded index
        String id = Base64.getEncoder().encodeToString(String.format(Locale.ROOT, "%s-%06d", uploadId, partNumber - 1)
                .getBytes(StandardCharsets.US_ASCII));
        return CompletableFuture.supplyAsync(() -> {
            client.stageBlockWithResponse(new BlockBlobStageBlockOptions(id,
                    BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length))), null, null);
            return id;
        }, executor);
    }

    @Override
    public WriteResult complete(List<String> blockIds) {
        return blobs.commitBlocks(key, blockIds, options);
    }

    @Override
    public void abort() {
        // nothing to delete: uncommitted blocks are the service's to discard (see above)
    }

    @Override
    public RemoteStoreException partFailed(int partNumber, Throwable failure) {
        return AzureErrors.map("staging a block", key, failure);
    }

    @Override
    public RemoteStoreException failed(Throwable failure) {
        return AzureErrors.map("streaming write", key, failure);
    }
}
