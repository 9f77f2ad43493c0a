package dev.remotestore.gcs;

import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, seekable view of one object through google-cloud-nio, whose failures leave as
 * the project's errors. NIO's channel pins the generation it saw when it opened: a read that
 * breaks is reopened (up to {@code retry.max-attempts} times) at the same byte of the same
 * generation, and an object replaced meanwhile fails the read instead of mixing two versions.
 */
final class GcsReadChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final String key;

    private GcsReadChannel(SeekableByteChannel channel, String key) {
        this.channel = channel;
        this.key = key;
    }

    /** Opens the object now: {@code NotFoundException} if it is missing (or is a folder). */
    static GcsReadChannel open(CloudStorageFileSystem fs, String key) {
        try {
            return new GcsReadChannel(Files.newByteChannel(fs.getPath(key), StandardOpenOption.READ), key);
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.map("read", key, e);
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        try {
            return channel.read(dst);
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.map("read", key, e);
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
            throw GcsErrors.map("read", key, e);
        }
    }

    @Override
    public GcsReadChannel position(long newPosition) {
        try {
            channel.position(newPosition);
            return this;
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.map("read", key, e);
        }
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.map("read", key, e);
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
            throw GcsErrors.map("read", key, e);
        }
    }
}
