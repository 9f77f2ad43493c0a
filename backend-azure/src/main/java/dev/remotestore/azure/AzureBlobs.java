package dev.remotestore.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ConsistentReadControl;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.remotestore.FileInfo;
import dev.remotestore.NotFoundException;
import dev.remotestore.ReadOptions;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Single-blob operations on the blob clients: conditional uploads and block-list commits, the
 * properties of a blob, lazy ranged reads pinned to an ETag, server-side copy, delete and SAS
 * URLs. Every failure leaves through {@link AzureErrors}.
 */
final class AzureBlobs {
    private static final Duration COPY_POLL = Duration.ofMillis(200);
    private static final int OPEN_ATTEMPTS = 5;

    private final BlobContainerClient container;

    AzureBlobs(BlobContainerClient container) {
        this.container = container;
    }

    BlobClient blob(String key) {
        return container.getBlobClient(key);
    }

    BlockBlobClient block(String key) {
        return container.getBlobClient(key).getBlockBlobClient();
    }

    /** One Put Blob of {@code length} bytes of {@code data}, with the write's precondition. */
    WriteResult put(String key, byte[] data, int length, WriteOptions options) {
        BlockBlobSimpleUploadOptions upload = new BlockBlobSimpleUploadOptions(BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length)))
                .setHeaders(headers(options))
                .setMetadata(AzureMetadata.encode(options.metadata()))
                .setRequestConditions(conditions(options.mode(), options.expectedEtag().orElse(null)));
        try {
            Response<BlockBlobItem> response = block(key).uploadWithResponse(upload, null, null);
            return new WriteResult(key, response.getValue().getETag(), Optional.ofNullable(response.getValue().getVersionId()));
        } catch (RuntimeException e) {
            throw AzureErrors.mapWrite("Put Blob", key, options.mode(), e);
        }
    }

    /** Put Block List: makes the staged blocks the blob, with the write's precondition. */
    WriteResult commitBlocks(String key, List<String> blockIds, WriteOptions options) {
        BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(blockIds)
                .setHeaders(headers(options))
                .setMetadata(AzureMetadata.encode(options.metadata()))
                .setRequestConditions(conditions(options.mode(), options.expectedEtag().orElse(null)));
        try {
            Response<BlockBlobItem> response = block(key).commitBlockListWithResponse(commit, null, null);
            return new WriteResult(key, response.getValue().getETag(), Optional.ofNullable(response.getValue().getVersionId()));
        } catch (RuntimeException e) {
            throw AzureErrors.mapWrite("Put Block List", key, options.mode(), e);
        }
    }

    BlobProperties properties(String key) {
        try {
            return blob(key).getProperties();
        } catch (RuntimeException e) {
            throw AzureErrors.map("Get Blob Properties", key, e);
        }
    }

    FileInfo fileInfo(String key) {
        return toFileInfo(key, properties(key));
    }

    boolean isFile(String key) {
        try {
            blob(key).getProperties();
            return true;
        } catch (RuntimeException e) {
            if (AzureErrors.isBlobNotFound(e)) {
                return false;
            }
            throw AzureErrors.map("Get Blob Properties", key, e);
        }
    }

    /**
     * A lazy read of the range, pinned to the ETag of the version its first GET finds (at open):
     * if the blob is replaced while it is read, the read fails with
     * {@code PreconditionFailedException} rather than mixing versions. {@code NotFoundException} now if
     * the blob is missing.
     */
    InputStream read(String key, ReadOptions range) {
        return openPinned(key, range);
    }

    private InputStream openPinned(String key, ReadOptions range) {
        for (int attempt = 1; ; attempt++) {
            BlobProperties props = properties(key);
            long size = props.getBlobSize();
            if (range.offset() >= size || range.length().orElse(1) == 0) {
                return new ByteArrayInputStream(new byte[0]);
            }
            // No If-Match of our own: with ConsistentReadControl.ETAG the client pins the ETag
            // of its first GET, so the version read is the one current at that GET, whole, and a
            // writer overwriting in a loop cannot starve the reader. The size above only answers
            // "empty"; an open-ended range reads a version that grew meanwhile to its end.
            BlobRange blobRange = range.length().isPresent()
                    ? new BlobRange(range.offset(), range.length().getAsLong())
                    : new BlobRange(range.offset());
            BlobInputStreamOptions open = new BlobInputStreamOptions()
                    .setRange(blobRange)
                    .setConsistentReadControl(ConsistentReadControl.ETAG);
            try {
                return new PinnedBlobInput(key, blob(key).openInputStream(open, null));
            } catch (RuntimeException e) {
                // shrunk below the offset between Get Blob Properties and the first GET (416)
                if (attempt < OPEN_ATTEMPTS && AzureErrors.isRangeNotSatisfiable(e)) {
                    continue;
                }
                throw AzureErrors.map("Get Blob", key, e);
            }
        }
    }

    /**
     * Server-side copy. Create-only is a real precondition on the destination
     * ({@code If-None-Match: *}); the copy keeps the source's content type and metadata.
     */
    WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        BlobProperties source = properties(sourceKey);
        BlobBeginCopyOptions copy = new BlobBeginCopyOptions(blob(sourceKey).getBlobUrl())
                .setPollInterval(COPY_POLL)
                .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch(source.getETag()))
                .setDestinationRequestConditions(overwrite ? null : new BlobRequestConditions().setIfNoneMatch("*"));
        try {
            blob(targetKey).beginCopy(copy).waitForCompletion();
        } catch (RuntimeException e) {
            if (AzureErrors.isNotFound(e) && !isFile(sourceKey)) {
                throw new NotFoundException("the source file vanished during the copy", sourceKey, e);
            }
            if (!overwrite) {
                throw AzureErrors.mapWrite("Copy Blob", targetKey, WriteOptions.Mode.CREATE_ONLY, e);
            }
            throw AzureErrors.map("Copy Blob", targetKey, e);
        }
        BlobProperties target = properties(targetKey);
        return new WriteResult(targetKey, target.getETag(), Optional.ofNullable(target.getVersionId()));
    }

    boolean delete(String key) {
        try {
            blob(key).delete();
            return true;
        } catch (RuntimeException e) {
            if (AzureErrors.isBlobNotFound(e)) {
                return false;
            }
            throw AzureErrors.map("Delete Blob", key, e);
        }
    }

    /** A service SAS for one blob, signed with the account key (the caller checks there is one). */
    URI presign(String key, Duration expiry, BlobSasPermission permission) {
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(OffsetDateTime.now().plus(expiry), permission);
        try {
            BlobClient client = blob(key);
            return URI.create(client.getBlobUrl() + "?" + client.generateSas(values));
        } catch (RuntimeException e) {
            throw AzureErrors.map("signing a URL", key, e);
        }
    }

    static BlobRequestConditions conditions(WriteOptions.Mode mode, String etag) {
        return switch (mode) {
            case CREATE_ONLY -> new BlobRequestConditions().setIfNoneMatch("*");
            case IF_MATCH -> new BlobRequestConditions().setIfMatch(etag);
            case OVERWRITE -> null;
        };
    }

    private static BlobHttpHeaders headers(WriteOptions options) {
        return options.contentType().map(t -> new BlobHttpHeaders().setContentType(t)).orElse(null);
    }

    static FileInfo toFileInfo(String key, BlobProperties p) {
        Instant modified = p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant();
        return new FileInfo(key, p.getBlobSize(), modified, p.getETag(), contentType(p.getContentType()),
                AzureMetadata.decode(p.getMetadata()), Optional.ofNullable(p.getVersionId()));
    }

    /** The SDK's default {@code application/octet-stream} is what Azure stores when none was set. */
    static Optional<String> contentType(String stored) {
        return Optional.ofNullable(stored).filter(t -> !t.isEmpty());
    }
}
