package dev.remotestore.s3;

import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code type = s3}'s file download. An object of at most {@code multipart.part-size} bytes is one
 * GET; a larger one is ranged GETs of that size, {@code multipart.max-parts-in-flight} at once on
 * the backend's pool, each written at its offset with positional writes on one
 * {@link FileChannel}. Every GET carries {@code If-Match} with the expected ETag, and every answer
 * is checked for that ETag and the expected length: a changed object fails the download with
 * {@link PreconditionFailedException} instead of splicing two versions. A range whose body breaks
 * off is resumed from its next byte by backend-s3's {@link S3ResumableInputStream}. Memory: one
 * copy buffer per range in flight.
 */
final class S3FileDownload {
    private static final int BUFFER = 256 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final Executor pool;
    private final long rangeSize;
    private final int rangesInFlight;

    S3FileDownload(S3Client s3, String bucket, Executor pool, long rangeSize, int rangesInFlight) {
        this.s3 = s3;
        this.bucket = bucket;
        this.pool = pool;
        this.rangeSize = rangeSize;
        this.rangesInFlight = rangesInFlight;
    }

    void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        Objects.requireNonNull(expected.etag(), "the expected version has no ETag");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = expected.size();
            if (size <= rangeSize) {
                fetch(key, expected, out, 0, size, false, progress);
            } else {
                parallel(key, expected, out, progress);
            }
        } catch (IOException e) {
            throw new RemoteStoreException("cannot write the downloaded bytes to " + target + ": " + e, key, e);
        }
    }

    private void parallel(String key, FileInfo expected, FileChannel out, LongConsumer progress) {
        long size = expected.size();
        int ranges = (int) ((size + rangeSize - 1) / rangeSize);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < ranges; ) {
                long from = i * rangeSize;
                try {
                    fetch(key, expected, out, from, Math.min(size, from + rangeSize), true, progress);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(rangesInFlight, ranges); w++) {
            workers.add(CompletableFuture.runAsync(worker, pool));
        }
        for (CompletableFuture<Void> w : workers) {
            try {
                w.join();
            } catch (CompletionException e) {
                failure.compareAndSet(null, S3Errors.map("GetObject", key, e));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** One GET of {@code [from, to)} (the whole object when not {@code ranged}) written at {@code from}. */
    private void fetch(String key, FileInfo expected, FileChannel out, long from, long to, boolean ranged,
            LongConsumer progress) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(expected.etag());
        if (ranged) {
            request.range(S3ResumableInputStream.header(from, to));
        }
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(request.build());
        } catch (RuntimeException e) {
            if (S3Errors.isPreconditionFailed(e)) {
                throw changed(key, expected, e);
            }
            throw S3Errors.map("GetObject", key, e);
        }
        GetObjectResponse head = response.response();
        long length = head.contentLength() == null ? -1 : head.contentLength();
        if (!sameEtag(expected.etag(), head.eTag()) || length != to - from) {
            // a server that ignores If-Match, or an object replaced by one of another size
            response.abort();
            throw new PreconditionFailedException("the file changed during the download (ETag " + head.eTag()
                    + ", " + length + " bytes from byte " + from + "; expected ETag " + expected.etag() + ")", key);
        }
        try (InputStream in = S3ResumableInputStream.resuming(s3, bucket, key, response, from)) {
            byte[] buffer = new byte[BUFFER];
            long at = from;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    at += out.write(chunk, at);
                }
                progress.accept(n);
            }
            if (at != to) {
                throw new PreconditionFailedException("the file changed during the download: expected bytes up to "
                        + to + ", got " + at, key);
            }
        } catch (IOException e) {
            throw new RemoteStoreException("cannot write the downloaded bytes: " + e, key, e);
        }
    }

    private static PreconditionFailedException changed(String key, FileInfo expected, Throwable cause) {
        return new PreconditionFailedException("the file changed during the download (ETag " + expected.etag()
                + " no longer matches)", key, cause);
    }

    private static boolean sameEtag(String a, String b) {
        return b != null && a.replace("\"", "").equals(b.replace("\"", ""));
    }
}
