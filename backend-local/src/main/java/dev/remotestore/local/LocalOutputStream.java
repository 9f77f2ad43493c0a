package dev.remotestore.local;

import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * A streaming write to a temp file beside the target, published by {@link #commit()} through
 * {@link LocalCommitter}. Memory is one buffer, whatever the size. Any failure, and
 * {@link #abort()}, deletes the temp file. Not thread-safe.
 */
final class LocalOutputStream extends StoreOutputStream {
    private static final int BUFFER_SIZE = 64 * 1024;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final LocalCommitter committer;
    private final LocalCommitter.Staged staged;
    private final LocalCommitter.Request request;
    private OutputStream out; // made on the first buffered write: a whole-array write needs none
    private State state = State.OPEN;

    /** Stages the temp file now, so folder and permission problems surface before any byte. */
    static LocalOutputStream open(LocalCommitter committer, String key, LocalCommitter.Request request) {
        committer.checkSupported(key, request);
        try {
            return new LocalOutputStream(committer, committer.stage(key), request);
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
    }

    private LocalOutputStream(LocalCommitter committer, LocalCommitter.Staged staged, LocalCommitter.Request request) {
        this.committer = committer;
        this.staged = staged;
        this.request = request;
    }

    private OutputStream out() {
        if (out == null) {
            out = new BufferedOutputStream(Channels.newOutputStream(staged.channel()), BUFFER_SIZE);
        }
        return out;
    }

    private void flushBuffer() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void write(int b) {
        ensureOpen();
        try {
            out().write(b);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureOpen();
        try {
            out().write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void flush() {
        ensureOpen();
        try {
            flushBuffer();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Appends the whole of {@code data} straight to the file, without a buffer. */
    void writeAll(byte[] data) {
        ensureOpen();
        try {
            flushBuffer();
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                staged.channel().write(buffer);
            }
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Appends the whole of {@code source}, letting the kernel copy where it can. */
    void transferFrom(FileChannel source) {
        ensureOpen();
        try {
            flushBuffer();
            FileChannel target = staged.channel();
            long size = source.size();
            for (long done = 0; done < size; ) {
                long n = source.transferTo(done, size - done, target);
                if (n <= 0) {
                    break; // the source shrank underneath us
                }
                done += n;
            }
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Appends the whole of a local file, {@link LocalFileTransfers#CHUNK} at a time by kernel copy,
     * telling {@code progress} after each chunk. The file must keep the length it had when this
     * began: one that shrinks or grows meanwhile fails the write, which then stores nothing.
     */
    void transferFrom(FileChannel source, java.util.function.LongConsumer progress, String what) {
        ensureOpen();
        try {
            flushBuffer();
            FileChannel target = staged.channel();
            long size = source.size();
            long done = 0;
            while (done < size) {
                long n = source.transferTo(done, Math.min(LocalFileTransfers.CHUNK, size - done), target);
                if (n <= 0) {
                    break;
                }
                done += n;
                progress.accept(n);
            }
            if (done != size || source.size() != size) {
                throw new IOException(what + " changed length while it was read: " + size + " bytes at the start, "
                        + done + " read, " + source.size() + " now");
            }
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public WriteResult commit() {
        ensureOpen();
        try {
            flushBuffer();
            if (committer.fsync()) {
                staged.channel().force(true);
            }
            staged.channel().close();
            WriteResult result = committer.commit(staged, request);
            state = State.COMMITTED;
            return result;
        } catch (IOException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void abort() {
        if (state == State.OPEN) {
            state = State.ABORTED;
            committer.discard(staged);
        }
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    private RuntimeException fail(IOException e) {
        abort();
        return LocalErrors.map(staged.key(), e);
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the write to " + staged.key() + " is "
                    + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }
}
