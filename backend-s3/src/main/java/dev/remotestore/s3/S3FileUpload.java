package dev.remotestore.s3;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * {@code type = s3}'s file upload. A file of at most {@code multipart.threshold} bytes is one
 * conditional PutObject; a larger one is a multipart upload whose parts are read straight from the
 * file by offset (positional reads on one {@link FileChannel}, through the SDK's own small copy
 * buffer: no part is ever held on the heap), {@code multipart.max-parts-in-flight} at once on the
 * backend's pool. The part size is {@code multipart.part-size}, raised (to whole MiB) when the file
 * would need more than S3's 10,000 parts. The precondition rides on the completion
 * ({@link S3Uploads#complete}, which judges lost answers); any failure aborts the upload after its
 * parts in flight settle, so nothing is left: no object, no upload.
 *
 * <p>Progress is counted per part when S3 has acknowledged it (the SDK may read a part's bytes
 * twice, to sign and to send), so the count ends exactly at the file's size.
 */
final class S3FileUpload {
    private static final long MIB = 1024 * 1024;

    private final S3Uploads uploads;
    private final Executor pool;
    private final long threshold;
    private final long partSize;
    private final int partsInFlight;

    S3FileUpload(S3Uploads uploads, Executor pool, long threshold, long partSize, int partsInFlight) {
        this.uploads = uploads;
        this.pool = pool;
        this.threshold = threshold;
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
    }

    WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            WriteResult result = size <= threshold
                    ? uploads.put(key, body(channel, 0, size, options), size, options, () -> md5Etag(channel, size))
                    : multipart(key, channel, size, options, progress);
            if (size <= threshold) {
                progress.accept(size);
            }
            return result;
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e, key, e);
        } catch (UncheckedIOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e.getCause(), key, e);
        }
    }

    /** The part size for a file of {@code size} bytes: the configured one, or larger to stay within 10,000 parts. */
    static long partSizeFor(long size, long configured) {
        long needed = (size + S3Config.MAX_PARTS - 1) / S3Config.MAX_PARTS;
        return needed <= configured ? configured : (needed + MIB - 1) / MIB * MIB;
    }

    private WriteResult multipart(String key, FileChannel channel, long size, WriteOptions unstamped, LongConsumer progress) {
        WriteOptions options = S3WriteToken.stamp(unstamped); // the same token for create and complete (adr/0054)
        long part = partSizeFor(size, partSize);
        int count = (int) ((size + part - 1) / part);
        String uploadId = uploads.create(key, options);
        Semaphore slots = new Semaphore(partsInFlight);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<CompletableFuture<CompletedPart>> parts = new ArrayList<>(count);
        try {
            for (int i = 0; i < count && failure.get() == null; i++) {
                slots.acquire();
                if (failure.get() != null) {
                    slots.release();
                    break;
                }
                int number = i + 1;
                long offset = i * part;
                long length = Math.min(part, size - offset);
                CompletableFuture<CompletedPart> sent = CompletableFuture.supplyAsync(
                        () -> uploads.uploadPart(key, uploadId, number, body(channel, offset, length, null), length), pool);
                sent.whenComplete((done, t) -> {
                    if (t == null) {
                        progress.accept(length);
                    } else {
                        failure.compareAndSet(null, S3Errors.map("UploadPart " + number, key, t));
                    }
                    slots.release();
                });
                parts.add(sent);
            }
            List<CompletedPart> done = new ArrayList<>(count);
            for (CompletableFuture<CompletedPart> p : parts) {
                try {
                    done.add(p.join());
                } catch (CompletionException e) {
                    failure.compareAndSet(null, S3Errors.map("UploadPart", key, e));
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return uploads.complete(key, uploadId, done, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(key, uploadId, parts, new RemoteStoreException("interrupted while uploading parts", key, e));
        } catch (RuntimeException e) {
            throw abort(key, uploadId, parts, e instanceof RemoteStoreException r ? r : S3Errors.map("multipart upload", key, e));
        }
    }

    /** Lets the parts in flight settle (a part stored after the abort would linger), then aborts. */
    private RemoteStoreException abort(String key, String uploadId, List<CompletableFuture<CompletedPart>> parts,
            RemoteStoreException failure) {
        for (CompletableFuture<CompletedPart> p : parts) {
            try {
                p.join();
            } catch (RuntimeException ignored) {
                // that part failed: nothing of it is stored
            }
        }
        try {
            uploads.abort(key, uploadId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** {@code length} bytes of the file from {@code offset}, read afresh each time the SDK asks. */
    private static RequestBody body(FileChannel channel, long offset, long length, WriteOptions options) {
        String type = options == null ? "application/octet-stream"
                : options.contentType().orElse("application/octet-stream");
        return RequestBody.fromContentProvider(() -> new FileSlice(channel, offset, length), length, type);
    }

    /** The ETag a single PutObject of the file gives (MD5), asked only after a lost answer. */
    private static String md5Etag(FileChannel channel, long size) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new FileSlice(channel, 0, size)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return '"' + HexFormat.of().formatHex(md5.digest()) + '"';
    }

    /**
     * A window of a file read with positional reads, so several parts read one channel at once.
     * A file that ends before the window does is an error: it changed while being uploaded.
     */
    static final class FileSlice extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        FileSlice(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("the local file ended at byte " + position + ", before " + end
                        + ": it changed during the upload");
            }
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
