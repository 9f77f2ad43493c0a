package dev.remotestore.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobGetOption;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.CopyRequest;
import com.google.cloud.storage.Storage.SignUrlOption;
import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.NotFoundException;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code type = gcs}: Google Cloud Storage through the google-cloud-storage {@link Storage} client
 * (and a google-cloud-nio view of the bucket for {@code unwrap}).
 *
 * <p><b>The ETag is the object's generation.</b> GCS gives every write of an object a new
 * generation number, even of identical bytes; {@link FileInfo#etag()} and
 * {@link WriteResult#etag()} are that number in decimal, and {@link WriteOptions#ifMatch(String)}
 * expects one. Create-only is the precondition {@code ifGenerationMatch=0} and compare-and-swap
 * {@code ifGenerationMatch=<generation>}, checked by GCS atomically with the write (for streams and
 * resumable uploads, when the upload is finalised at commit); a copy that must not overwrite is a
 * rewrite under {@code ifGenerationMatch=0} on the target. None of these is a check-then-write.
 *
 * <p>Everything goes through the {@link Storage} client. Reads (ranges and seekable channels)
 * look the object up and download that generation ({@code ifGenerationMatch}); a read that has
 * handed out nothing yet restarts on the generation that is live now if an overwrite lands first,
 * and one that has is pinned (see {@code GcsReadChannel}). Writes, metadata, listings (lazy,
 * paged, {@code /}-delimited for flat listings), batched deletes, rewrites and signed URLs use the
 * client directly too: google-cloud-nio cannot express preconditions, user metadata at creation,
 * or an abortable upload, and its read channel does not say which generation it pinned (its
 * filesystem is offered through {@code unwrap} for code that wants NIO). Moves copy then delete and are
 * not atomic. File uploads and downloads use the client's own file paths ({@link GcsFileTransfer}).
 * {@link #presignRead}/{@link #presignWrite} need credentials that can sign (a service
 * account key, or a signer such as an impersonated or Compute Engine account); otherwise the
 * backend does not declare {@link Capability#PRESIGN}. Signed URLs point at the client's endpoint
 * (scheme, host and port), {@code https://storage.googleapis.com} by default.
 *
 * <p>{@code unwrap} offers the {@link Storage} client, the {@link CloudStorageFileSystem} and the
 * {@link GcsConfig}.
 */
public final class GcsBackend implements Backend {
    static final String TYPE = "gcs";
    private static final int DELETE_BATCH = 100; // GCS's most calls in one batch request
    private static final Duration MAX_SIGNED_URL_EXPIRY = Duration.ofDays(7);

    private final GcsConfig config;
    private final Storage storage;
    private final boolean ownsStorage;
    /** The client for resumable uploads: {@code storage} itself, or one derived from it with the chunk size. */
    private final Storage uploads;
    private final CloudStorageFileSystem fileSystem;
    private final GcsListing listing;
    private final GcsFileTransfer fileTransfer;
    private final Optional<String> userProject;
    private final Capabilities capabilities;
    private volatile boolean closed;

    private GcsBackend(GcsConfig config, Storage storage, boolean ownsStorage) {
        this.config = config;
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        // A client built here already has the configured chunk size; a caller's client gets a twin
        // that has it (the chunk size is a client option, not a per-upload one).
        this.uploads = ownsStorage ? storage : GcsClients.withChunkSize(storage, config.chunkSize());
        this.fileSystem = GcsClients.fileSystem(storage, config);
        this.userProject = config.userProject();
        this.listing = new GcsListing(storage, config.bucket(), userProject);
        this.fileTransfer = new GcsFileTransfer(storage, config.bucket(), userProject);
        Capabilities caps = Capabilities.of(Capability.CREATE_ONLY, Capability.COMPARE_AND_SWAP,
                Capability.USER_METADATA, Capability.CONTENT_TYPE, Capability.VERSIONS);
        this.capabilities = GcsClients.canSign(storage) ? caps.with(Capability.PRESIGN) : caps;
    }

    /**
     * A backend with a client built from {@code config} (and, without an endpoint there, the
     * {@code STORAGE_EMULATOR_HOST} environment variable); {@link #close()} closes it.
     */
    public static GcsBackend create(GcsConfig config) {
        return create(config, System::getenv);
    }

    /** As {@link #create(GcsConfig)}, with the environment variables read from {@code environment}. */
    static GcsBackend create(GcsConfig config, Function<String, String> environment) {
        Objects.requireNonNull(config, "config is null");
        Storage storage = GcsClients.storage(config, environment);
        try {
            return new GcsBackend(config, storage, true);
        } catch (RuntimeException e) {
            closeQuietly(storage);
            throw e;
        }
    }

    /**
     * A backend over a client the caller built and keeps ownership of ({@link #close()} leaves it
     * open). The config's bucket, user project, retry attempts (for read reopens) and chunk size
     * apply (resumable uploads go through a twin of the client with that chunk size, closed with
     * the backend); its credentials, project, endpoint and HTTP transport are the client's own, and
     * signed URLs point at its endpoint. The backend does not add its byte counting to a client it did
     * not build, so an {@code upload} of a file above {@code chunk-size} reports its progress in one
     * step, when GCS confirms the object (a backend from config reports it as the bytes go out).
     */
    public static GcsBackend create(Storage storage, GcsConfig config) {
        return new GcsBackend(Objects.requireNonNull(config, "config is null"), Objects.requireNonNull(storage, "storage is null"), false);
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
        return GcsRangeInputStream.of(GcsReadChannel.open(storage, config.bucket(), key, userProject), range);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        ensureOpen(key);
        return GcsReadChannel.open(storage, config.bucket(), key, userProject);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        ensureOpen(key);
        if (data.length > config.chunkSize()) {
            try (StoreOutputStream out = openOutputStream(key, options)) {
                out.write(data, 0, data.length);
                return out.commit();
            }
        }
        BlobTargetOption[] preconditions = GcsObjects.targetOptions(key, options, userProject);
        try {
            Blob written = storage.create(GcsObjects.target(config.bucket(), key, options), data, preconditions);
            return GcsObjects.writeResult(key, written);
        } catch (RuntimeException e) {
            throw GcsErrors.mapWrite("write", key, options.mode(), e);
        }
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        ensureOpen(key);
        return new GcsOutputStream(storage, uploads, config.bucket(), key, options, config.chunkSize(), userProject);
    }

    /**
     * A file of up to {@code chunk-size} bytes is one request, as {@link #write(String, byte[], WriteOptions)}
     * sends it; a larger one goes through the client's resumable file upload ({@link GcsFileTransfer}).
     */
    @Override
    public WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        ensureOpen(key);
        long size;
        try {
            size = Files.size(file);
            if (size <= config.chunkSize()) {
                byte[] data = Files.readAllBytes(file);
                WriteResult result = write(key, data, options);
                progress.accept(data.length);
                return result;
            }
        } catch (IOException e) {
            throw BackendErrors.readingInput(key, e);
        }
        return fileTransfer.upload(key, file, size, options, progress);
    }

    /** One streamed, resumed download of the generation {@code expected} names ({@link GcsFileTransfer}). */
    @Override
    public void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        ensureOpen(key);
        fileTransfer.download(key, expected, target, progress);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        ensureOpen(key);
        return GcsObjects.fileInfo(key, head(key).orElseThrow(() -> new NotFoundException("no such file", key)));
    }

    @Override
    public boolean isFile(String key) {
        ensureOpen(key);
        return head(key).isPresent();
    }

    @Override
    public boolean isFolder(String key) {
        ensureOpen(key);
        return key.isEmpty() || listing.hasFileUnder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        ensureOpen(folder);
        return listing.files(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        ensureOpen(folder);
        return listing.folders(folder);
    }

    @Override
    public boolean delete(String key) {
        ensureOpen(key);
        if (key.isEmpty()) {
            return false;
        }
        try {
            return storage.delete(blobId(key), sourceOptions());
        } catch (RuntimeException e) {
            throw GcsErrors.map("delete", key, e);
        }
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        ensureOpen(folder);
        if (!recursive) {
            if (listing.hasFileUnder(folder)) {
                throw new FolderNotEmptyException("the folder has files; delete them first or delete recursively", folder);
            }
            return 0;
        }
        return new GcsBatchDelete(storage, config.bucket(), sourceOptions(), DELETE_BATCH).deleteAll(folder, listing.keysUnder(folder));
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        ensureOpen(sourceKey);
        WriteOptions.Mode mode = overwrite ? WriteOptions.Mode.OVERWRITE : WriteOptions.Mode.CREATE_ONLY;
        BlobTargetOption[] targetOptions = overwrite
                ? userProject.map(p -> new BlobTargetOption[] {BlobTargetOption.userProject(p)}).orElse(new BlobTargetOption[0])
                : userProject.map(p -> new BlobTargetOption[] {BlobTargetOption.doesNotExist(), BlobTargetOption.userProject(p)})
                        .orElse(new BlobTargetOption[] {BlobTargetOption.doesNotExist()});
        CopyRequest request = CopyRequest.newBuilder()
                .setSource(blobId(sourceKey))
                .setSourceOptions(sourceOptions())
                .setTarget(blobId(targetKey), targetOptions)
                .build();
        try {
            Blob copied = storage.copy(request).getResult(); // rewrites chunk by chunk until done
            return GcsObjects.writeResult(targetKey, copied);
        } catch (RuntimeException e) {
            if (GcsErrors.isNotFound(e)) {
                throw GcsErrors.map("copy", sourceKey, e);
            }
            throw GcsErrors.mapWrite("copy", targetKey, mode, e);
        }
    }

    @Override
    public URI presignRead(String key, Duration expiry) {
        return presign(key, expiry, HttpMethod.GET);
    }

    @Override
    public URI presignWrite(String key, Duration expiry) {
        return presign(key, expiry, HttpMethod.PUT);
    }

    private URI presign(String key, Duration expiry, HttpMethod method) {
        ensureOpen(key);
        if (!capabilities.has(Capability.PRESIGN)) {
            throw new UnsupportedCapabilityException("signed URLs need credentials that can sign (a service account)", key);
        }
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_SIGNED_URL_EXPIRY) > 0) {
            throw new IllegalArgumentException("a signed URL's expiry must be positive and at most 7 days: " + expiry);
        }
        try {
            return storage.signUrl(BlobInfo.newBuilder(config.bucket(), key).build(), expiry.toSeconds(), TimeUnit.SECONDS,
                    SignUrlOption.withV4Signature(), SignUrlOption.httpMethod(method),
                    SignUrlOption.withHostName(GcsClients.signingOrigin(storage))).toURI();
        } catch (URISyntaxException e) {
            throw new RemoteStoreException("GCS signed an unusable URL", key, e);
        } catch (RuntimeException e) {
            throw GcsErrors.map("presign " + method, key, e);
        }
    }

    /** Exactly these classes, never a supertype (adr/0029). */
    @Override
    public Set<Class<?>> unwrapTypes() {
        return Set.of(Storage.class, CloudStorageFileSystem.class, GcsConfig.class);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        ensureOpen(null); // a closed backend lends nothing (adr/0029)
        if (type == Storage.class) {
            return Optional.of(type.cast(storage));
        }
        if (type == CloudStorageFileSystem.class) {
            return Optional.of(type.cast(fileSystem));
        }
        return type == GcsConfig.class ? Optional.of(type.cast(config)) : Optional.empty();
    }

    @Override
    public void ping() {
        ensureOpen(null);
        try {
            BlobListOption[] options = userProject
                    .map(p -> new BlobListOption[] {BlobListOption.pageSize(1), BlobListOption.userProject(p)})
                    .orElse(new BlobListOption[] {BlobListOption.pageSize(1)});
            Page<Blob> page = storage.list(config.bucket(), options);
            page.getValues().iterator().hasNext();
        } catch (RuntimeException e) {
            throw GcsErrors.map("ping (list bucket " + config.bucket() + ")", null, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (uploads != storage) {
            closeQuietly(uploads); // our twin of the caller's client: nothing of the caller's is closed
        }
        if (ownsStorage) {
            try {
                storage.close();
            } catch (Exception e) {
                throw new RemoteStoreException("closing the GCS client failed: " + e, null, e);
            }
        }
    }

    @Override
    public String toString() {
        return "GcsBackend{" + GcsClients.describe(config) + (closed ? ", closed" : "") + '}';
    }

    private Optional<Blob> head(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            BlobGetOption[] options = userProject.map(p -> new BlobGetOption[] {BlobGetOption.userProject(p)})
                    .orElse(new BlobGetOption[0]);
            return Optional.ofNullable(storage.get(blobId(key), options));
        } catch (RuntimeException e) {
            if (GcsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw GcsErrors.map("get object metadata", key, e);
        }
    }

    private BlobSourceOption[] sourceOptions() {
        return userProject.map(p -> new BlobSourceOption[] {BlobSourceOption.userProject(p)}).orElse(new BlobSourceOption[0]);
    }

    private BlobId blobId(String key) {
        return BlobId.of(config.bucket(), key);
    }

    private void ensureOpen(String key) {
        if (closed) {
            throw new StoreClosedException("the GCS backend is closed", key);
        }
    }

    private static void closeQuietly(Storage storage) {
        try {
            storage.close();
        } catch (Exception ignored) {
            // the construction failure is the error worth reporting
        }
    }
}
