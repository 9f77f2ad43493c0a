package dev.remotestore.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchClientBuilder;
import com.azure.storage.blob.models.ConsistentReadControl;
import com.azure.storage.blob.options.BlobSeekableByteChannelReadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code type = azure}: Azure Blob Storage (and Azurite) through azure-storage-blob-nio and the
 * blob clients it wraps.
 *
 * <p>The {@link com.azure.storage.blob.nio.AzureFileSystem} gives the path model and the
 * seekable channel; the blob clients do what NIO cannot: create-only ({@code If-None-Match: *})
 * and compare-and-swap ({@code If-Match}) on Put Blob, Put Block List and Copy Blob, content
 * type and metadata, paged listing with a delimiter, batched deletes and SAS URLs. Streaming
 * writes stage blocks and commit the block list at commit ({@link AzureBlockWrite}); file
 * uploads and downloads use the blob client's parallel file transfers ({@link AzureFileTransfer}). Moves
 * copy then delete and are not atomic. {@code unwrap} offers the {@link BlobContainerClient},
 * the {@link BlobServiceClient} and the {@link FileSystem} (when the credentials are a shared
 * key or a SAS token).
 */
public final class AzureBackend implements Backend {
    static final String TYPE = "azure";
    private static final int PAGE_SIZE = 1000;

    private final AzureConfig config;
    private final BlobServiceClient service;
    private final BlobContainerClient container;
    private final Optional<FileSystem> fileSystem;
    private final boolean canSign;
    private final AzureBlobs blobs;
    private final AzureListing listing;
    private final AzureFileTransfer fileTransfer;
    private final ExecutorService blockUploads;
    private final Capabilities capabilities;
    private volatile boolean closed;

    private AzureBackend(AzureConfig config, AzureClients.Built built, Optional<FileSystem> fileSystem) {
        this.config = config;
        this.service = built.service();
        this.container = service.getBlobContainerClient(config.container());
        this.fileSystem = fileSystem;
        this.canSign = built.sharedKey().isPresent();
        this.blobs = new AzureBlobs(container);
        BlobBatchClient batch = new BlobBatchClientBuilder(container).buildClient();
        this.listing = new AzureListing(container, batch, PAGE_SIZE);
        this.fileTransfer = new AzureFileTransfer(blobs, config.blockSize(), config.maxConcurrency());
        AtomicInteger n = new AtomicInteger();
        this.blockUploads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "remote-store-azure-block-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.capabilities = capabilities(canSign);
    }

    /** A backend with clients built from {@code config}; {@link #close()} releases them. */
    public static AzureBackend create(AzureConfig config) {
        Objects.requireNonNull(config, "config is null");
        AzureClients.Built built = AzureClients.build(config);
        return new AzureBackend(config, built, AzureClients.fileSystem(built, config));
    }

    /** Presigning needs the account key: a SAS token or a token credential cannot sign. */
    static Capabilities capabilities(boolean canSign) {
        Capabilities caps = Capabilities.of(Capability.CREATE_ONLY, Capability.COMPARE_AND_SWAP,
                Capability.CONTENT_TYPE, Capability.USER_METADATA);
        return canSign ? caps.with(Capability.PRESIGN) : caps;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        ensureOpen(key);
        return blobs.read(key, range);
    }

    /**
     * The NIO filesystem's seekable channel. The blob client checks that the blob exists first:
     * azure-storage-blob-nio logs a missing blob at ERROR and reports it as a plain IOException.
     */
    @Override
    public SeekableByteChannel openChannel(String key) {
        ensureOpen(key);
        blobs.properties(key);
        if (fileSystem.isEmpty()) {
            try {
                return blobs.blob(key).openSeekableByteChannelRead(new BlobSeekableByteChannelReadOptions()
                        .setConsistentReadControl(ConsistentReadControl.ETAG), null).getChannel();
            } catch (RuntimeException e) {
                throw AzureErrors.map("opening a channel", key, e);
            }
        }
        try {
            return Files.newByteChannel(fileSystem.get().getPath(config.container() + ":/" + key), StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            throw AzureErrors.map("opening a channel", key, e);
        }
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        ensureOpen(key);
        if (data.length <= config.blockSize()) {
            return blobs.put(key, data, data.length, options);
        }
        try (StoreOutputStream out = openOutputStream(key, options)) {
            out.write(data, 0, data.length);
            return out.commit();
        }
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        ensureOpen(key);
        return AzureBlockWrite.open(blobs, key, options, config, blockUploads);
    }

    /** The blob client's parallel file upload ({@link AzureFileTransfer}): blocks read from the file by offset. */
    @Override
    public WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        ensureOpen(key);
        return fileTransfer.upload(key, file, options, progress);
    }

    /** The blob client's parallel ranged download into the file, every range pinned to {@code expected}'s ETag. */
    @Override
    public void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        ensureOpen(key);
        fileTransfer.download(key, expected, target, progress);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        ensureOpen(key);
        return blobs.fileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        ensureOpen(key);
        return blobs.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        ensureOpen(key);
        return listing.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        ensureOpen(folder);
        return listing.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        ensureOpen(folder);
        return listing.listFolders(folder);
    }

    @Override
    public boolean delete(String key) {
        ensureOpen(key);
        return blobs.delete(key);
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        ensureOpen(folder);
        return listing.deleteFolder(folder, recursive);
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        ensureOpen(sourceKey);
        return blobs.copy(sourceKey, targetKey, overwrite);
    }

    @Override
    public URI presignRead(String key, Duration expiry) {
        ensureOpen(key);
        requireSigning(key);
        return blobs.presign(key, expiry, new BlobSasPermission().setReadPermission(true));
    }

    @Override
    public URI presignWrite(String key, Duration expiry) {
        ensureOpen(key);
        requireSigning(key);
        return blobs.presign(key, expiry, new BlobSasPermission().setCreatePermission(true).setWritePermission(true));
    }

    private void requireSigning(String key) {
        if (!canSign) {
            throw new UnsupportedCapabilityException("presigned URLs need the account key (credentials.account-key"
                    + " or a connection string with AccountKey)", key);
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        ensureOpen(null); // a closed backend lends nothing (adr/0029)
        if (type == BlobContainerClient.class) {
            return Optional.of(type.cast(container));
        }
        if (type == BlobServiceClient.class) {
            return Optional.of(type.cast(service));
        }
        if (type == FileSystem.class) {
            return fileSystem.map(type::cast);
        }
        return type == AzureConfig.class ? Optional.of(type.cast(config)) : Optional.empty();
    }

    /** Exactly these classes, never a supertype; the NIO filesystem only with key or SAS credentials (adr/0029). */
    @Override
    public Set<Class<?>> unwrapTypes() {
        return fileSystem.isPresent()
                ? Set.of(BlobContainerClient.class, BlobServiceClient.class, FileSystem.class, AzureConfig.class)
                : Set.of(BlobContainerClient.class, BlobServiceClient.class, AzureConfig.class);
    }

    @Override
    public void ping() {
        ensureOpen(null);
        try {
            if (!container.exists()) {
                throw new dev.remotestore.NotFoundException("the container " + config.container() + " does not exist", null);
            }
        } catch (RuntimeException e) {
            throw AzureErrors.map("ping (Get Container Properties)", null, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        blockUploads.shutdown();
        if (fileSystem.isPresent()) {
            try {
                fileSystem.get().close();
            } catch (IOException | RuntimeException e) {
                throw new RemoteStoreException("closing the Azure NIO filesystem failed: " + e, null, e);
            }
        }
    }

    @Override
    public String toString() {
        return "AzureBackend{" + config + (closed ? ", closed" : "") + '}';
    }

    private void ensureOpen(String key) {
        if (closed) {
            throw new StoreClosedException("the Azure backend is closed", key);
        }
    }
}
