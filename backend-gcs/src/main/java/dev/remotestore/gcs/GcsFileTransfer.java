package dev.remotestore.gcs;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobSourceOption;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.BackendErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Local files in and out through the {@link Storage} client's own file paths.
 *
 * <p>Upload ({@code createFrom(BlobInfo, Path, ...)}): one resumable session and one streamed
 * {@code PUT} of the whole file, read from the file (a retry rewinds the file to what GCS has
 * persisted), nothing of it on the heap. The write options become the session's generation
 * precondition, which GCS checks when the object is finalised; a failed or refused upload never
 * becomes an object (adr/0042). Progress counts the file's bytes as the {@code PUT} hands them to
 * the connection ({@link GcsUploadProgress}, fed by the client's {@link GcsCountingTransportOptions}):
 * up to the socket buffers ahead of what GCS has persisted, never back after a retry resends from
 * an earlier offset, and the whole size only once GCS has confirmed the object (adr/0055). A client
 * the caller built ({@code GcsBackend.create(Storage, GcsConfig)}) does not count, so there the
 * bytes are reported in one step when GCS confirms the object. Files up to {@code chunk-size} are
 * one request instead (the backend's single-request write), as {@code write(byte[])} sends them.
 *
 * <p>Download ({@code downloadTo}): one streamed {@code GET} of the generation the caller looked
 * up ({@code ifGenerationMatch}), which the client resumes from the last byte written if the
 * connection breaks; an object replaced meanwhile fails the download with
 * {@link PreconditionFailedException}. Bytes are counted as they reach the file.
 */
final class GcsFileTransfer {
    private final Storage storage;
    private final String bucket;
    private final Optional<String> userProject;

    GcsFileTransfer(Storage storage, String bucket, Optional<String> userProject) {
        this.storage = Objects.requireNonNull(storage, "storage is null");
        this.bucket = Objects.requireNonNull(bucket, "bucket is null");
        this.userProject = Objects.requireNonNull(userProject, "userProject is null");
    }

    /** A file larger than one request: the client's resumable file upload. */
    WriteResult upload(String key, Path file, long size, WriteOptions options, LongConsumer progress) {
        try (GcsUploadProgress sent = GcsUploadProgress.start(size, progress)) {
            Blob written = storage.createFrom(GcsObjects.target(bucket, key, options), file,
                    GcsObjects.writeOptions(key, options, userProject));
            sent.confirmed();
            return GcsObjects.writeResult(key, written);
        } catch (IOException e) {
            throw BackendErrors.readingInput(key, e);
        } catch (RuntimeException e) {
            throw GcsErrors.mapWrite("upload (resumable, from file)", key, options.mode(), e);
        }
    }

    void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        List<BlobSourceOption> options = new ArrayList<>(2);
        generation(key, expected).ifPresent(g -> options.add(BlobSourceOption.generationMatch(g)));
        userProject.ifPresent(p -> options.add(BlobSourceOption.userProject(p)));
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            CountingFileOutput out = new CountingFileOutput(channel, progress);
            try {
                storage.downloadTo(BlobId.of(bucket, key), out, options.toArray(new BlobSourceOption[0]));
            } catch (RuntimeException e) {
                if (out.failure != null) {
                    throw new RemoteStoreException("cannot write the downloaded bytes to " + target + ": " + out.failure, key, out.failure);
                }
                if (GcsErrors.httpStatus(e) == 412 || GcsErrors.isPreconditionFailed(e)) {
                    throw new PreconditionFailedException("the file changed since it was looked up (generation "
                            + expected.etag() + " is no longer live); the download stopped rather than mix two versions", key, e);
                }
                throw GcsErrors.map("download", key, e);
            }
            if (out.written != expected.size()) {
                throw new PreconditionFailedException("the download wrote " + out.written + " bytes, generation "
                        + expected.etag() + " has " + expected.size(), key);
            }
        } catch (IOException e) {
            throw new RemoteStoreException("cannot write the downloaded bytes to " + target + ": " + e, key, e);
        }
    }

    /** The generation an ETag of this backend names; none when a test fake reported none. */
    private static Optional<Long> generation(String key, FileInfo expected) {
        String etag = expected.etag();
        if (etag == null || etag.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(etag));
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("the ETag " + etag + " is not a GCS generation, so no version matches it", key);
        }
    }

    /**
     * The download's sink: writes to the file at its own position (the client resumes a broken
     * download from the count it has written, so the position and the count agree), reports each
     * write, and remembers a local write failure, which the client would otherwise wrap as a
     * storage error.
     */
    private static final class CountingFileOutput extends OutputStream {
        private final FileChannel channel;
        private final LongConsumer progress;
        private long written;
        private IOException failure;

        CountingFileOutput(FileChannel channel, LongConsumer progress) {
            this.channel = channel;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            written += len;
            progress.accept(len);
        }
    }
}
