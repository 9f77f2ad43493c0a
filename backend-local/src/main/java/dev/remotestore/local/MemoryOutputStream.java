package dev.remotestore.local;

import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayOutputStream;

/** A streaming write into a {@link MemoryBackend}: buffered, stored on commit, dropped on abort. */
final class MemoryOutputStream extends StoreOutputStream {
    private final String key;
    private final WriteOptions options;
    private final MemoryBackend backend;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean committed;

    MemoryOutputStream(String key, WriteOptions options, MemoryBackend backend) {
        this.key = key;
        this.options = options;
        this.backend = backend;
    }

    @Override
    public void write(int b) {
        open().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        open().write(b, off, len);
    }

    @Override
    public WriteResult commit() {
        byte[] data = open().toByteArray();
        buffer = null;
        WriteResult result = backend.store(key, data, options);
        committed = true;
        return result;
    }

    @Override
    public void abort() {
        buffer = null;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    private ByteArrayOutputStream open() {
        if (buffer == null) {
            throw new IllegalStateException("the stream is " + (committed ? "committed" : "aborted") + ": " + key);
        }
        return buffer;
    }
}
