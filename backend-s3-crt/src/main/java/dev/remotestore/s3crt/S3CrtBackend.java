package dev.remotestore.s3crt;

import dev.remotestore.Capabilities;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3MultipartWrite;
import dev.remotestore.s3.S3Backend;
import dev.remotestore.s3.S3ControlPath;
import dev.remotestore.s3.S3Errors;
import dev.remotestore.s3.S3Uploads;
import dev.remotestore.spi.Backend;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * {@code type = s3-crt}: the hybrid. The data path (large reads, writes
 * from bytes and streams, overwriting copies) runs on the AWS CRT-based {@link S3AsyncClient},
 * which splits large transfers into parallel part-sized requests. The control path (HEAD,
 * listing, deletes, presigning, ping) runs on backend-s3's standard {@link S3Client} through
 * its {@link S3ControlPath}, as do the seekable channel (small random reads) and create-only
 * copies (a multipart copy whose completion carries {@code If-None-Match: *}). Errors of both
 * clients go through backend-s3's {@link S3Errors}.
 *
 * <p>A read's first part is one ranged GET on the standard client (the whole read for objects
 * up to {@code crt.part-size}); the rest of a large read is the CRT's parallel ranged GETs,
 * pinned to the first part's ETag.
 *
 * <p>Create-only and compare-and-swap writes carry {@code If-None-Match: *} / {@code If-Match}
 * on the CRT's PutObject, which forwards them to the multipart completion of large bodies.
 * {@code unwrap} offers the CRT {@link S3AsyncClient}, the standard {@link S3Client}, its
 * {@link S3Presigner}, and an {@link S3TransferManager} on the CRT client (built on first
 * request). Everything is closed with the backend.
 */
public final class S3CrtBackend implements Backend {
    static final String TYPE = "s3-crt";

    private final S3CrtConfig config;
    private final S3Backend standard;
    private final S3AsyncClient crt;
    private final S3ControlPath control;
    private final S3CrtReads reads;
    private final S3CrtWrites writes;
    private final S3Uploads uploads;
    private final S3CrtFileTransfers files;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> perRequest;
    private final Capabilities capabilities;
    private S3TransferManager transferManager;
    private volatile boolean closed;

    private S3CrtBackend(S3CrtConfig config, S3Backend standard, S3AsyncClient crt) {
        this.config = config;
        this.standard = standard;
        this.crt = crt;
        String bucket = config.s3().bucket();
        this.control = new S3ControlPath(standard.unwrap(S3Client.class).orElseThrow(),
                standard.unwrap(S3Presigner.class).orElseThrow(), bucket);
        this.perRequest = S3CrtClients.perRequest(config);
        this.reads = new S3CrtReads(crt, standard.unwrap(S3Client.class).orElseThrow(), bucket, control, config.partSize(),
                perRequest);
        this.uploads = new S3Uploads(standard.unwrap(S3Client.class).orElseThrow(), bucket, config.s3().maxAttempts());
        this.writes = new S3CrtWrites(crt, bucket, perRequest, uploads, config.s3().maxAttempts(),
                config.s3().multipartThreshold());
        this.files = new S3CrtFileTransfers(writes, this::transferManager, bucket, perRequest);
        this.capabilities = S3Backend.capabilities(config.s3());
    }

    /** A backend with clients built from {@code config}; {@link #close()} closes them. */
    public static S3CrtBackend create(S3CrtConfig config) {
        Objects.requireNonNull(config, "config is null");
        S3Backend standard = S3Backend.create(config.s3());
        try {
            return new S3CrtBackend(config, standard, S3CrtClients.crtClient(config));
        } catch (RuntimeException e) {
            standard.close();
            throw e;
        }
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
        return reads.open(key, range);
    }

    /** Small random reads, where one ranged GET on the standard client beats the CRT's setup. */
    @Override
    public SeekableByteChannel openChannel(String key) {
        ensureOpen(key);
        return standard.openChannel(key);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        ensureOpen(key);
        return writes.put(key, data, options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        ensureOpen(key);
        return S3MultipartWrite.open(uploads, writes, key, options, config.s3(), config.partSize());
    }

    /** The CRT's own file upload: parallel parts read by the CRT from the file ({@link S3CrtFileTransfers}). */
    @Override
    public WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        ensureOpen(key);
        return files.upload(key, file, options, progress);
    }

    /**
     * Up to {@code crt.part-size}, one GET on the standard client (adr/0011: the CRT's set-up costs
     * more than it saves on small objects); above, the CRT's parallel ranged GETs written by the
     * CRT into the file. Both pinned to the expected ETag (an object listed without one goes the
     * standard client's way, which then reads it with one GET).
     */
    @Override
    public void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        ensureOpen(key);
        if (expected.size() <= config.partSize() || expected.etag() == null || expected.etag().isEmpty()) {
            standard.download(key, expected, target, progress);
        } else {
            files.download(key, expected, target, progress);
        }
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

    /**
     * An overwriting copy is the CRT's CopyObject (a parallel multipart copy for large objects).
     * A create-only copy is backend-s3's multipart copy on the standard client, whose completion
     * carries {@code If-None-Match: *}: S3-compatible servers ignore that header on CopyObject.
     */
    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        ensureOpen(sourceKey);
        if (!overwrite) {
            return standard.copy(sourceKey, targetKey, false);
        }
        control.head(sourceKey); // NotFoundException names the source, not the target
        try {
            CopyObjectResponse response = crt.copyObject(b -> b
                    .sourceBucket(config.s3().bucket()).sourceKey(sourceKey)
                    .destinationBucket(config.s3().bucket()).destinationKey(targetKey)
                    .metadataDirective(MetadataDirective.COPY)
                    .overrideConfiguration(perRequest)).join();
            return uploads.result(targetKey, response.copyObjectResult() == null ? null : response.copyObjectResult().eTag(),
                    response.versionId());
        } catch (RuntimeException e) {
            throw S3Errors.map("CopyObject", targetKey, e);
        }
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

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        ensureOpen(null); // a closed backend lends nothing (adr/0029)
        if (type == S3AsyncClient.class) {
            return Optional.of(type.cast(crt));
        }
        if (type == S3TransferManager.class) {
            return Optional.of(type.cast(transferManager()));
        }
        if (type == S3CrtConfig.class) {
            return Optional.of(type.cast(config));
        }
        return standard.unwrap(type); // S3Client, S3Presigner, S3Config
    }

    /** Exactly these classes, never a supertype (adr/0029). */
    @Override
    public Set<Class<?>> unwrapTypes() {
        Set<Class<?>> types = new HashSet<>(standard.unwrapTypes());
        types.addAll(Set.of(S3AsyncClient.class, S3TransferManager.class, S3CrtConfig.class));
        return Set.copyOf(types);
    }

    private synchronized S3TransferManager transferManager() {
        ensureOpen(null);
        if (transferManager == null) {
            transferManager = S3TransferManager.builder().s3Client(crt).build();
        }
        return transferManager;
    }

    @Override
    public void ping() {
        ensureOpen(null);
        control.ping();
    }

    @Override
    public void close() {
        S3TransferManager tm;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            tm = transferManager;
        }
        RuntimeException first = null;
        for (AutoCloseable c : new AutoCloseable[] {tm, crt, standard}) {
            if (c == null) {
                continue;
            }
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
        return "S3CrtBackend{s3://" + config.s3().bucket() + config.s3().endpoint().map(e -> " at " + e).orElse("")
                + (closed ? ", closed" : "") + '}';
    }

    private void ensureOpen(String key) {
        if (closed) {
            throw new StoreClosedException("the S3 backend is closed", key);
        }
    }
}
