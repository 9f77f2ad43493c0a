package dev.remotestore.gcs;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BlobWriteSession;
import com.google.cloud.storage.Storage;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A streaming write to GCS, visible only on {@link #commit()}.
 *
 * <p>Up to one chunk is buffered in memory; a stream that commits within it is written by one
 * request (a simple upload with the precondition). A longer stream opens a resumable upload
 * session, hands it the buffer and streams on through it; {@link #commit()} closes the session's
 * channel, which finalises the object, and GCS checks the generation precondition then.
 *
 * <p>Abort never closes the session's channel: closing is what finalises an object. The client
 * offers no call to cancel a session, so an aborted session is simply abandoned: it never
 * becomes an object (nothing is listed or readable, no previous object is touched), and GCS
 * discards it, with the bytes already sent, when it expires a week after it was opened.
 * Memory stays near one chunk here plus the session's own chunk buffer, whatever the size.
 */
final class GcsOutputStream extends StoreOutputStream {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final Storage storage;
    private final Storage uploads;
    private final String bucket;
    private final String key;
    private final WriteOptions options;
    private final int chunkSize;
    private final Optional<String> userProject;
    private byte[] buffer = new byte[8192];
    private int count;
    private BlobWriteSession session;
    private WritableByteChannel channel;
    private State state = State.OPEN;

    /**
     * @param storage the client for the single-request write of a stream that fits in one chunk
     * @param uploads the client for resumable uploads, configured with chunks of {@code chunkSize}
     */
    GcsOutputStream(Storage storage, Storage uploads, String bucket, String key, WriteOptions options, int chunkSize,
            Optional<String> userProject) {
        this.storage = Objects.requireNonNull(storage, "storage is null");
        this.uploads = Objects.requireNonNull(uploads, "uploads is null");
        this.bucket = Objects.requireNonNull(bucket, "bucket is null");
        this.key = Objects.requireNonNull(key, "key is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.chunkSize = chunkSize;
        this.userProject = userProject;
        if (options.mode() == WriteOptions.Mode.IF_MATCH) {
            GcsObjects.expectedGeneration(key, options); // an ETag that is no generation fails now
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return;
        }
        if (channel == null && count + len <= chunkSize) {
            append(b, off, len);
            return;
        }
        try {
            if (channel == null) {
                openSession();
            }
            writeFully(ByteBuffer.wrap(b, off, len));
        } catch (IOException | RuntimeException e) {
            abort();
            throw GcsErrors.mapWrite("streaming write", key, options.mode(), e);
        }
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            BlobInfo written;
            if (channel == null) {
                BlobInfo target = GcsObjects.target(bucket, key, options);
                written = storage.create(target, buffer, 0, count, GcsObjects.targetOptions(key, options, userProject));
            } else {
                channel.close(); // finalises the object; the precondition is checked here
                written = session.getResult().get();
            }
            state = State.COMMITTED;
            release();
            return GcsObjects.writeResult(key, written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw GcsErrors.map("streaming write", key, e);
        } catch (ExecutionException | IOException | RuntimeException e) {
            abort();
            throw GcsErrors.mapWrite("streaming write", key, options.mode(), e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        // Deliberately not channel.close(): that would finalise the object. See the class comment.
        release();
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private void openSession() throws IOException {
        BlobInfo target = GcsObjects.target(bucket, key, options);
        session = uploads.blobWriteSession(target, GcsObjects.writeOptions(key, options, userProject));
        channel = session.open();
        writeFully(ByteBuffer.wrap(buffer, 0, count));
        buffer = null; // the session's channel buffers from here on
        count = 0;
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void append(byte[] b, int off, int len) {
        if (count + len > buffer.length) {
            int size = buffer.length;
            while (size < count + len) {
                size = (int) Math.min((long) size * 2, chunkSize);
            }
            buffer = Arrays.copyOf(buffer, size);
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    private void release() {
        buffer = null;
        channel = null;
        session = null;
        count = 0;
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the stream was already " + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }
}
