package dev.remotestore.iceberg;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import java.io.IOException;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Iceberg's output stream over our streaming write. Iceberg has no commit call: a file is done
 * when its stream is closed. So {@link #close()} commits the {@link StoreOutputStream} (the file
 * appears whole, atomically, with the write's create-only precondition decided then), unless a
 * write failed before: a stream that failed aborts at close and leaves nothing behind, never a
 * prefix of the file. {@link #flush()} sends nothing visible. Not thread-safe.
 */
final class StorePositionOutputStream extends PositionOutputStream {
    private final StoreOutputStream out;
    private final String location;
    private long pos;
    private boolean failed;
    private boolean closed;

    StorePositionOutputStream(StoreOutputStream out, String location) {
        this.out = out;
        this.location = location;
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public long storedLength() {
        return pos;
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        try {
            out.write(b);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureWritable();
        try {
            out.write(b, off, len);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        pos += len;
    }

    @Override
    public void flush() throws IOException {
        ensureWritable();
        try {
            out.flush();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Commits what was written (or aborts, after a failed write). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            out.abort();
            return;
        }
        try {
            out.commit();
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location); // commit() aborted: nothing is left behind
        }
    }

    private RuntimeException failed(RuntimeException e) {
        failed = true;
        try {
            out.abort();
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        return e instanceof RemoteStoreException r ? IcebergErrors.map(r, location) : e;
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException("stream closed: " + location);
        }
        if (failed) {
            throw new IOException("an earlier write failed; the write to " + location + " was aborted");
        }
    }
}
