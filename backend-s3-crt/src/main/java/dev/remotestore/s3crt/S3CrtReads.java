package dev.remotestore.s3crt;

import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.s3.S3ControlPath;
import dev.remotestore.s3.S3Errors;
import dev.remotestore.s3.S3ResumableInputStream;
import dev.remotestore.s3.StreamLeaks;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads. The first part ({@code crt.part-size} bytes from the read's offset) is one ranged GET
 * on the standard client: it is one atomic response, it tells the object's size and ETag, and
 * for small objects it is the whole read, where the standard client is faster than the CRT
 * (adr/0011); a break in its body is resumed from the next byte with {@code If-Match}, by
 * backend-s3's {@link S3ResumableInputStream}. When more is wanted, the rest is one GET on the
 * CRT client, pinned with {@code If-Match} to that ETag, which the CRT splits into part-sized ranged GETs run in parallel
 * and delivered in order; the SDK's read back-pressure lets it fetch only
 * {@code crt.initial-read-buffer} bytes ahead of the caller, so a slow reader holds the download
 * back instead of growing memory. If the object changes between the two, the read fails with
 * {@code PreconditionFailedException} instead of splicing two versions.
 */
final class S3CrtReads {
    private final S3AsyncClient crt;
    private final S3Client standard;
    private final String bucket;
    private final S3ControlPath control;
    private final long partSize;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> perRequest;

    S3CrtReads(S3AsyncClient crt, S3Client standard, String bucket, S3ControlPath control, long partSize,
            Consumer<AwsRequestOverrideConfiguration.Builder> perRequest) {
        this.crt = crt;
        this.standard = standard;
        this.bucket = bucket;
        this.control = control;
        this.partSize = partSize;
        this.perRequest = perRequest;
    }

    /**
     * Issues the first GET now (a missing key fails here) and returns the body as it streams
     * in. A range that starts at or past the end reads as empty.
     */
    InputStream open(String key, ReadOptions range) {
        if (range.length().isPresent() && range.length().getAsLong() == 0) {
            control.head(key); // NotFoundException if missing
            return InputStream.nullInputStream();
        }
        long from = range.offset();
        long wantedEnd = range.length().isPresent() ? from + range.length().getAsLong() : Long.MAX_VALUE;
        long firstEnd = Math.min(wantedEnd, from + partSize);
        ResponseInputStream<GetObjectResponse> first;
        try {
            first = standard.getObject(b -> b.bucket(bucket).key(key).range(header(from, firstEnd)));
        } catch (RuntimeException e) {
            if (S3Errors.isInvalidRange(e)) {
                return InputStream.nullInputStream(); // 416: the object exists and the range starts past its end
            }
            throw S3Errors.map("GetObject", key, e);
        }
        long size = objectSize(first.response(), from);
        long end = Math.min(wantedEnd, size);
        // the first part resumes after a broken connection as s3's reads do (pinned to its ETag)
        InputStream firstPart = S3ResumableInputStream.resuming(standard, bucket, key, first, from);
        if (firstEnd >= end) {
            return firstPart;
        }
        String etag = first.response().eTag();
        ResponseInputStream<GetObjectResponse> rest;
        try {
            rest = crt.getObject(b -> b.bucket(bucket).key(key).range(header(firstEnd, end)).ifMatch(etag)
                    .overrideConfiguration(perRequest), AsyncResponseTransformer.toBlockingInputStream()).join();
        } catch (RuntimeException e) {
            closeQuietly(first);
            if (S3Errors.isPreconditionFailed(e)) {
                throw new PreconditionFailedException("the object changed while it was being read (ETag " + etag + ")", key, e);
            }
            throw S3Errors.map("GetObject", key, e);
        }
        return new SequenceInputStream(firstPart, new MappedInput(rest, bucket, key));
    }

    private static String header(long from, long endExclusive) {
        return "bytes=" + from + "-" + (endExclusive == Long.MAX_VALUE ? "" : String.valueOf(endExclusive - 1));
    }

    /** The whole object's size, from {@code Content-Range: bytes a-b/size} (or the body when absent). */
    private static long objectSize(GetObjectResponse response, long from) {
        String contentRange = response.contentRange();
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            String total = slash < 0 ? "*" : contentRange.substring(slash + 1).trim();
            if (!total.equals("*")) {
                return Long.parseLong(total);
            }
        }
        return from + (response.contentLength() == null ? 0 : response.contentLength());
    }

    private static void closeQuietly(ResponseInputStream<?> in) {
        in.abort();
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    /** Maps failures that surface while a body streams (a part failed) to the project's errors. */
    private static final class MappedInput extends InputStream {
        private final ResponseInputStream<GetObjectResponse> in;
        private final String key;
        private final StreamLeaks.Watch leakWatch;

        MappedInput(ResponseInputStream<GetObjectResponse> in, String bucket, String key) {
            this.in = in;
            this.key = key;
            // a forgotten stream would keep the CRT's parts and read-ahead buffers in flight
            ResponseInputStream<GetObjectResponse> held = in;
            this.leakWatch = StreamLeaks.watch(this, "a read stream of s3://" + bucket + "/" + key, () -> {
                held.abort();
                try {
                    held.close();
                } catch (IOException | RuntimeException ignored) {
                    // released on behalf of a reader that forgot it: nothing to report to
                }
            });
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
        }

        private RuntimeException fail(Exception e) {
            if (S3Errors.isPreconditionFailed(e)) {
                return new PreconditionFailedException("the object changed while it was being read", key, e);
            }
            return S3Errors.map("GetObject", key, e);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /** Stops the download: the CRT cancels the parts in flight. */
        @Override
        public void close() throws IOException {
            leakWatch.closed();
            in.abort();
            in.close();
        }
    }
}
