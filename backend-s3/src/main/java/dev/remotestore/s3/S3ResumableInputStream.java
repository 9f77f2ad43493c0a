package dev.remotestore.s3;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A lazy GET that survives a broken connection: when the body stops early, the rest is asked
 * for again from the next byte, with {@code If-Match} on the ETag of the first response, a
 * bounded number of times. If the object changed meanwhile, S3 answers 412 and the read fails
 * with {@link PreconditionFailedException} instead of splicing two versions together. Public for
 * {@code s3-crt}, whose reads begin with a ranged GET on the standard client ({@link #resuming}).
 */
public final class S3ResumableInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(S3ResumableInputStream.class);
    static final int MAX_RESUMES = 5;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String etag;
    private final long end;
    private final HeldResponse body = new HeldResponse();
    private final StreamLeaks.Watch leakWatch;
    private long position;
    private int resumes;
    private boolean closed;

    private S3ResumableInputStream(S3Client s3, String bucket, String key, ResponseInputStream<GetObjectResponse> first,
            long offset) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.body.hold(first);
        this.position = offset;
        this.etag = first.response().eTag();
        this.end = offset + Objects.requireNonNullElse(first.response().contentLength(), 0L);
        // a stream its caller forgets would hold its pooled connection for good
        HeldResponse held = body;
        this.leakWatch = StreamLeaks.watch(this, "a read stream of s3://" + bucket + "/" + key, () -> held.release(true));
    }

    /**
     * Issues the GET now (so a missing key fails here) and returns the lazily read body. A
     * range that starts at or past the end reads as empty.
     */
    static InputStream open(S3Client s3, String bucket, String key, ReadOptions range, S3ControlPath control) {
        if (range.length().isPresent() && range.length().getAsLong() == 0) {
            control.head(key); // NotFoundException if missing
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (!range.isWhole()) {
            request.range(header(range.offset(), range.length().isPresent() ? range.offset() + range.length().getAsLong() : -1));
        }
        try {
            return new S3ResumableInputStream(s3, bucket, key, s3.getObject(request.build()), range.offset());
        } catch (RuntimeException e) {
            if (S3Errors.isInvalidRange(e)) {
                return InputStream.nullInputStream(); // 416: the object exists and the range starts past its end
            }
            throw S3Errors.map("GetObject", key, e);
        }
    }

    /**
     * Makes a GET already issued on {@code s3} resumable: {@code first} is its response (the
     * whole object or a range), {@code offset} the byte it starts at. Resumes ask for the rest of
     * that response's range, pinned to its ETag.
     */
    public static InputStream resuming(S3Client s3, String bucket, String key, ResponseInputStream<GetObjectResponse> first,
            long offset) {
        return new S3ResumableInputStream(s3, bucket, key, first, offset);
    }

    static String header(long from, long endExclusive) {
        return "bytes=" + from + "-" + (endExclusive < 0 ? "" : String.valueOf(endExclusive - 1));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (position >= end) {
                return -1;
            }
            try {
                int n = body.body().read(b, off, (int) Math.min(len, end - position));
                if (n > 0) {
                    position += n;
                    return n;
                }
                // -1 before the promised length: the connection ended early
                resume(new IOException("the body ended " + (end - position) + " bytes early"));
            } catch (IOException | RuntimeException e) {
                if (e instanceof dev.remotestore.RemoteStoreException rse) {
                    throw rse;
                }
                resume(e);
            }
        }
    }

    private void resume(Exception cause) {
        if (++resumes > MAX_RESUMES) {
            throw new BackendUnavailableException("GetObject broke off " + resumes + " times; giving up at byte "
                    + position + " of " + end, key, cause);
        }
        if (etag == null) {
            // without an ETag the rest cannot be pinned to the same version: fail rather than splice
            throw new BackendUnavailableException("GetObject broke off at byte " + position + " of " + end
                    + " and the server sent no ETag to resume the same version with", key, cause);
        }
        LOG.debug("resuming GET of {} at byte {} after: {}", key, position, cause.toString());
        body.release(true);
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
                .range(header(position, end)).ifMatch(etag).build();
        try {
            body.hold(s3.getObject(request));
        } catch (RuntimeException e) {
            if (S3Errors.isPreconditionFailed(e)) {
                throw new PreconditionFailedException("the object changed while it was being read (ETag " + etag
                        + " no longer matches); not splicing two versions", key, e);
            }
            throw S3Errors.map("GetObject (resume)", key, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // Reading discards bytes and keeps resumption exact.
        return super.skip(n);
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        body.release(position < end); // abort: do not drain the rest of a large body to reuse the connection
        leakWatch.closed();
    }
}
