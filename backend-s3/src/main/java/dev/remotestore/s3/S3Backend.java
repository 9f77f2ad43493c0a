package dev.remotestore.s3;

import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code type = s3}: Amazon S3 and S3-compatible servers through the AWS SDK v2 {@link S3Client}.
 *
 * <p>Create-only is {@code If-None-Match: *} and compare-and-swap {@code If-Match} on PutObject,
 * CompleteMultipartUpload and CopyObject; with {@code conditional-writes = false} (for servers
 * that ignore those headers) both are refused rather than emulated. Reads are lazy GETs resumed
 * after a broken connection; listings page lazily; moves copy then delete and are not atomic.
 * File uploads and downloads move parts in parallel straight between the file and S3.
 * {@code unwrap} offers the {@link S3Client} and the {@link S3Presigner}.
 */
public final class S3Backend implements Backend {
    static final String TYPE = "s3";

    private final S3Config config;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3ControlPath control;
    private final S3Uploads uploads;
    private final S3Copier copier;
    private final ExecutorService partUploads;
    private final S3WriteTransport standardSink;
    private final S3FileUpload fileUploads;
    private final S3FileDownload fileDownloads;
    private final Capabilities capabilities;
    private volatile boolean closed;

    private S3Backend(S3Config config, S3Client s3, S3Presigner presigner) {
        this.config = config;
        this.s3 = s3;
        this.presigner = presigner;
        this.control = new S3ControlPath(s3, presigner, config.bucket());
        this.uploads = new S3Uploads(s3, config.bucket(), config.maxAttempts());
        this.copier = new S3Copier(s3, config.bucket(), control, uploads, config.partSize());
        this.partUploads = Executors.newCachedThreadPool(daemonThreads("remote-store-s3-part-"));
        this.standardSink = new S3WriteTransport() {
            @Override
            public WriteResult putObject(String key, byte[] data, int length, WriteOptions options) {
                return uploads.put(key, data, length, options);
            }

            @Override
            public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, byte[] data,
                    int length) {
                // the sync client blocks: parts run on the backend's pool, bounded by the stream
                return CompletableFuture.supplyAsync(() -> uploads.uploadPart(key, uploadId, partNumber, data, length),
                        partUploads);
            }
        };
        this.fileUploads = new S3FileUpload(uploads, partUploads, config.multipartThreshold(), config.partSize(),
                config.maxPartsInFlight());
        this.fileDownloads = new S3FileDownload(s3, config.bucket(), partUploads, config.partSize(),
                config.maxPartsInFlight());
        this.capabilities = capabilities(config);
    }

    /** A backend with clients built from {@code config}; {@link #close()} closes them. */
    public static S3Backend create(S3Config config) {
        Objects.requireNonNull(config, "config is null");
        S3Client client = S3Clients.standardClient(config);
        try {
            return new S3Backend(config, client, S3Clients.presigner(config));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * A backend on clients the caller built (tests use it to put an interceptor in the way);
     * {@link #close()} closes them.
     */
    static S3Backend withClients(S3Config config, S3Client s3, S3Presigner presigner) {
        return new S3Backend(config, s3, presigner);
    }

    /** What an S3 backend with this config guarantees; shared with {@code s3-crt}. */
    public static Capabilities capabilities(S3Config config) {
        Capabilities caps = Capabilities.of(Capability.CONTENT_TYPE, Capability.USER_METADATA, Capability.PRESIGN);
        return config.conditionalWrites()
                ? caps.with(Capability.CREATE_ONLY).with(Capability.COMPARE_AND_SWAP)
                : caps;
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
        return S3ResumableInputStream.open(s3, config.bucket(), key, range, control);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        ensureOpen(key);
        return new S3RangeChannel(s3, config.bucket(), key, control.head(key));
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        ensureOpen(key);
        if (data.length <= config.multipartThreshold()) {
            return uploads.put(key, data, data.length, options);
        }
        try (StoreOutputStream out = openOutputStream(key, options)) {
            out.write(data, 0, data.length);
            return out.commit();
        }
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        ensureOpen(key);
        return S3MultipartWrite.open(uploads, standardSink, key, options, config, config.partSize());
    }

    /** Parallel parts read from the file by offset ({@link S3FileUpload}). */
    @Override
    public WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        ensureOpen(key);
        return fileUploads.upload(key, file, options, progress);
    }

    /** Parallel ranged GETs pinned to the expected ETag, written at their offsets ({@link S3FileDownload}). */
    @Override
    public void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        ensureOpen(key);
        if (expected.etag() == null || expected.etag().isEmpty()) {
            // a server that reports no ETag gives no version to pin ranges to: one GET, size checked
            Backend.super.download(key, expected, target, progress);
            return;
        }
        fileDownloads.download(key, expected, target, progress);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        ensureOpen(key);
        return control.getFileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        ensureOpen(key);
        return control.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        ensureOpen(key);
        return control.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        ensureOpen(folder);
        return control.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        ensureOpen(folder);
        return control.listFolders(folder);
    }

    @Override
    public boolean delete(String key) {
        ensureOpen(key);
        return control.delete(key);
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        ensureOpen(folder);
        return control.deleteFolder(folder, recursive);
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        ensureOpen(sourceKey);
        return copier.copy(sourceKey, targetKey, overwrite);
    }

    @Override
    public URI presignRead(String key, Duration expiry) {
        ensureOpen(key);
        return control.presignRead(key, expiry);
    }

    @Override
    public URI presignWrite(String key, Duration expiry) {
        ensureOpen(key);
        return control.presignWrite(key, expiry);
    }

    /** Exactly these classes, never a supertype (adr/0029). */
    @Override
    public Set<Class<?>> unwrapTypes() {
        return Set.of(S3Client.class, S3Presigner.class, S3Config.class);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        ensureOpen(null); // a closed backend lends nothing (adr/0029)
        if (type == S3Client.class) {
            return Optional.of(type.cast(s3));
        }
        if (type == S3Presigner.class) {
            return Optional.of(type.cast(presigner));
        }
        return type == S3Config.class ? Optional.of(type.cast(config)) : Optional.empty();
    }

    @Override
    public void ping() {
        ensureOpen(null);
        control.ping();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        partUploads.shutdown();
        RuntimeException first = null;
        for (AutoCloseable c : new AutoCloseable[] {presigner, s3}) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new RemoteStoreException("closing the S3 clients failed: " + e, null, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "S3Backend{" + S3Clients.describe(config) + (closed ? ", closed" : "") + '}';
    }

    private void ensureOpen(String key) {
        if (closed) {
            throw new dev.remotestore.StoreClosedException("the S3 backend is closed", key);
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
