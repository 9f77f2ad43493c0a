package dev.remotestore.s3;

import dev.remotestore.PreconditionFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A read-only channel over one version of an object (pinned by {@code If-Match} on the ETag seen
 * at open). Reads are ranged GETs of a window that starts at 1 MiB and doubles, up to 32 MiB,
 * while access is sequential; a seek drops the open body and starts small again, which suits
 * columnar formats that read a footer, then selected column chunks.
 */
final class S3RangeChannel implements SeekableByteChannel {
    static final long FIRST_WINDOW = 1L << 20;
    static final long MAX_WINDOW = 32L << 20;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;
    private final String etag;
    private long position;
    private long window = FIRST_WINDOW;
    private final HeldResponse body = new HeldResponse();
    private final StreamLeaks.Watch leakWatch;
    private long bodyEnd;
    private boolean open = true;

    S3RangeChannel(S3Client s3, String bucket, String key, HeadObjectResponse head) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = head.contentLength();
        this.etag = head.eTag();
        // a channel its caller forgets would hold its pooled connection for good
        HeldResponse held = body;
        this.leakWatch = StreamLeaks.watch(this, "a channel of s3://" + bucket + "/" + key, () -> held.release(true));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (body.body() == null) {
            openWindow();
        }
        int want = (int) Math.min(dst.remaining(), bodyEnd - position);
        byte[] chunk = new byte[Math.min(want, 64 * 1024)];
        int n = body.body().read(chunk, 0, chunk.length);
        if (n < 0) {
            throw new IOException("the ranged GET ended early at byte " + position);
        }
        dst.put(chunk, 0, n);
        position += n;
        if (position >= bodyEnd) {
            body.release(false); // fully read: the connection goes back to the pool
            window = Math.min(window * 2, MAX_WINDOW);
        }
        return n;
    }

    private void openWindow() {
        long to = Math.min(size, position + window);
        try {
            ResponseInputStream<GetObjectResponse> response = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range(S3ResumableInputStream.header(position, to)).ifMatch(etag)); // null (no ETag reported): unpinned
            body.hold(response);
            bodyEnd = to;
        } catch (RuntimeException e) {
            if (S3Errors.isPreconditionFailed(e)) {
                throw new PreconditionFailedException("the object changed after the channel was opened", key, e);
            }
            throw S3Errors.map("GetObject (range)", key, e);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        if (newPosition != position) {
            closeBody();
            window = FIRST_WINDOW;
            position = newPosition;
        }
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        closeBody();
        leakWatch.closed();
    }

    private void closeBody() {
        body.release(true);
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

}
