package dev.remotestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A backend's read-only channel whose failures leave as {@link RemoteStoreException}s. When
 * observed ({@code op} not null) it counts the bytes it reads and ends the operation at close.
 */
final class GuardedChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final ErrorTranslator errors;
    private final String path;
    private final InFlight op;

    GuardedChannel(SeekableByteChannel channel, ErrorTranslator errors, String path, InFlight op) {
        this.channel = channel;
        this.errors = errors;
        this.path = path;
        this.op = op;
    }

    @Override
    public int read(ByteBuffer dst) {
        try {
            int n = channel.read(dst);
            if (op != null) {
                op.addBytes(n);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw rethrowable(e);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        try {
            return channel.position();
        } catch (IOException | RuntimeException e) {
            throw rethrowable(e);
        }
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        try {
            channel.position(newPosition);
            return this;
        } catch (IOException | RuntimeException e) {
            throw rethrowable(e);
        }
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException | RuntimeException e) {
            throw rethrowable(e);
        }
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            throw rethrowable(e);
        } finally {
            if (op != null) {
                op.end();
            }
        }
    }

    private RuntimeException rethrowable(Exception e) {
        // A negative position is the caller's mistake and keeps the channel contract's type.
        if (e instanceof IllegalArgumentException iae) {
            return iae;
        }
        RemoteStoreException mapped = errors.translate(e, path);
        if (op != null) {
            op.failed(mapped);
        }
        return mapped;
    }
}
