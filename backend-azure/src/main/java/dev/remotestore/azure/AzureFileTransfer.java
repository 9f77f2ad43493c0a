package dev.remotestore.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.ProgressListener;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.FileInfo;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.BackendErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Local files in and out through the blob client's own parallel file transfers
 * ({@code uploadFromFile}, {@code downloadToFile}): blocks are read from and written to the file
 * by offset, {@code max-concurrency} at a time, so nothing of the file is held on the heap.
 *
 * <p>Upload: a file of at most {@code block-size} bytes is one conditional Put Blob; a larger one
 * is staged as uncommitted blocks and becomes the blob only at the conditional Put Block List, so
 * a failed or refused upload leaves no blob and an existing one untouched (adr/0041). Before
 * staging any block of a multi-block upload the precondition is probed once (a HEAD), so a
 * create-only upload onto an existing file is refused without sending the file; the commit's own
 * precondition stays what decides.
 *
 * <p>Download: every ranged GET carries {@code If-Match} with the ETag of the version the caller
 * looked up, so a blob replaced before or during the download fails it with
 * {@link PreconditionFailedException} instead of splicing versions.
 */
final class AzureFileTransfer {
    /** The caller's temp file exists: write into it, from the start (the SDK's default refuses an existing file). */
    private static final Set<OpenOption> OVERWRITE_TARGET = Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);

    private final AzureBlobs blobs;
    private final long blockSize;
    private final int maxConcurrency;

    AzureFileTransfer(AzureBlobs blobs, long blockSize, int maxConcurrency) {
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
        this.blockSize = blockSize;
        this.maxConcurrency = maxConcurrency;
    }

    WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        long size = sizeOf(key, file);
        long block = blockSizeFor(key, size);
        if (size > block) {
            refuseEarly(key, options);
        }
        ParallelTransferOptions parallel = new ParallelTransferOptions()
                .setBlockSizeLong(block)
                .setMaxSingleUploadSizeLong(block) // one Put Blob up to a block, as write(byte[]) does; blocks above
                .setMaxConcurrency(maxConcurrency)
                .setProgressListener(increments(progress));
        BlobUploadFromFileOptions upload = new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(parallel)
                .setHeaders(options.contentType().map(t -> new BlobHttpHeaders().setContentType(t)).orElse(null))
                .setMetadata(AzureMetadata.encode(options.metadata()))
                .setRequestConditions(AzureBlobs.conditions(options.mode(), options.expectedEtag().orElse(null)));
        try {
            Response<BlockBlobItem> response = blobs.blob(key).uploadFromFileWithResponse(upload, null, null);
            BlockBlobItem item = response.getValue();
            return new WriteResult(key, item.getETag(), Optional.ofNullable(item.getVersionId()));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemException local) {
                throw BackendErrors.readingInput(key, local); // the local file, not the service
            }
            throw AzureErrors.mapWrite(size > block ? "Put Block List" : "Put Blob", key, options.mode(), e);
        } catch (RuntimeException e) {
            throw AzureErrors.mapWrite(size > block ? "Put Block List" : "Put Blob", key, options.mode(), e);
        }
    }

    void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        com.azure.storage.common.ParallelTransferOptions parallel = new com.azure.storage.common.ParallelTransferOptions()
                .setBlockSizeLong(blockSize)
                .setMaxConcurrency(maxConcurrency)
                .setProgressListener(increments(progress));
        BlobDownloadToFileOptions download = new BlobDownloadToFileOptions(target.toString())
                .setRequestConditions(new BlobRequestConditions().setIfMatch(expected.etag()))
                .setOpenOptions(OVERWRITE_TARGET)
                .setParallelTransferOptions(parallel);
        Response<BlobProperties> response;
        try {
            response = blobs.blob(key).downloadToFileWithResponse(download, null, null);
        } catch (UncheckedIOException e) {
            throw new RemoteStoreException("cannot write the downloaded bytes to " + target + ": " + e.getCause(), key, e);
        } catch (RuntimeException e) {
            if (AzureErrors.isPreconditionFailed(e)) {
                throw new PreconditionFailedException("the file changed since it was looked up (ETag " + expected.etag()
                        + " is no longer current); the download stopped rather than mix two versions", key, e);
            }
            throw AzureErrors.map("Get Blob (download to file)", key, e);
        }
        long written = sizeOf(key, target);
        if (written != expected.size()) {
            // If-Match makes this unreachable on Azure; a server that ignored it must not pass a wrong file off as whole
            throw new PreconditionFailedException("the download wrote " + written + " bytes, the file has "
                    + expected.size() + " (ETag " + response.getValue().getETag() + ")", key);
        }
    }

    /**
     * The configured block size, raised for a file that would need more than Azure's 50,000 blocks:
     * the file's size is known up front, so the upload need not fail the way a stream must.
     */
    long blockSizeFor(String key, long size) {
        long needed = (size + AzureConfig.MAX_BLOCKS - 1) / AzureConfig.MAX_BLOCKS;
        long block = Math.max(blockSize, needed);
        if (block > AzureConfig.MAX_BLOCK_SIZE) {
            throw new RemoteStoreException("the file is " + size + " bytes, more than Azure's largest block blob ("
                    + AzureConfig.MAX_BLOCKS + " blocks of " + AzureConfig.MAX_BLOCK_SIZE + " bytes)", key);
        }
        return block;
    }

    /**
     * Refuses a multi-block upload whose precondition already fails, before its blocks are sent.
     * Only ever refuses: whether the upload lands is decided by the precondition on Put Block List.
     */
    private void refuseEarly(String key, WriteOptions options) {
        switch (options.mode()) {
            case CREATE_ONLY -> {
                if (blobs.isFile(key)) {
                    throw new AlreadyExistsException("a file exists at this key (checked before sending any block)", key);
                }
            }
            case IF_MATCH -> {
                String current;
                try {
                    current = blobs.properties(key).getETag();
                } catch (NotFoundException e) {
                    throw new PreconditionFailedException("the file vanished (checked before sending any block)", key, e);
                }
                if (!Objects.equals(current, options.expectedEtag().orElse(null))) {
                    throw new PreconditionFailedException("the file changed: its ETag is no longer the one expected"
                            + " (checked before sending any block)", key);
                }
            }
            case OVERWRITE -> {
                // nothing to check
            }
        }
    }

    /**
     * The SDK reports the running total of a transfer (which can step back when a block is
     * retried); the caller wants increments that never go back and add up to the size.
     */
    static ProgressListener increments(LongConsumer progress) {
        AtomicLong reported = new AtomicLong();
        return total -> {
            long before = reported.getAndAccumulate(total, Math::max);
            if (total > before) {
                progress.accept(total - before);
            }
        };
    }

    private static long sizeOf(String key, Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw BackendErrors.readingInput(key, e);
        }
    }
}
