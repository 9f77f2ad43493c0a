package dev.remotestore.gcs;

import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import dev.remotestore.PreconditionFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, seekable view of one object generation through google-cloud-nio, whose failures
 * leave as the project's errors.
 *
 * <p>Opening looks the object up (its generation and size); every download then asks GCS for that
 * generation ({@code ifGenerationMatch}), and NIO reopens a broken download at the same byte of it
 * (up to {@code retry.max-attempts} times). So a reader sees one whole version:
 * <ul>
 *   <li>while the channel has handed out neither a byte nor its size, an overwrite that lands
 *       between the lookup and the download (GCS answers 412, or 404 for a deleted object) makes
 *       it start again on the generation that is live now, at most {@link #MAX_RESTARTS} times;
 *       then it fails with {@link PreconditionFailedException};</li>
 *   <li>once it has handed out either, it stays pinned, and a replaced object fails the read with
 *       {@link PreconditionFailedException} rather than mixing two versions.</li>
 * </ul>
 * Reading at or past the end returns -1 without a request (GCS would answer 416, which is
 * end-of-file, not an error).
 */
final class GcsReadChannel implements SeekableByteChannel {
    /** How often a read that has handed out nothing starts again on a newer generation. */
    static final int MAX_RESTARTS = 3;

    private final CloudStorageFileSystem fs;
    private final String key;
    private SeekableByteChannel channel;
    private long size;
    private long position;
    private boolean pinned;
    private boolean open = true;

    private GcsReadChannel(CloudStorageFileSystem fs, String key) {
        this.fs = fs;
        this.key = key;
    }

    /** Opens the object now: {@code NotFoundException} if it is missing (or is a folder). */
    static GcsReadChannel open(CloudStorageFileSystem fs, String key) {
        GcsReadChannel ch = new GcsReadChannel(fs, key);
        ch.lookUp();
        return ch;
    }

    /** Looks the object up again: a new NIO channel pinned to the generation live now. */
    private void lookUp() {
        try {
            channel = Files.newByteChannel(fs.getPath(key), StandardOpenOption.READ);
            size = channel.size(); // known from the lookup: no request
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.map("read", key, e);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        for (int restarts = 0; ; restarts++) {
            if (position >= size) {
                return -1;
            }
            try {
                if (channel.position() != position) {
                    channel.position(position);
                }
                int n = channel.read(dst);
                if (n > 0) {
                    position += n;
                    pinned = true;
                }
                return n;
            } catch (IOException | RuntimeException e) {
                int status = GcsErrors.httpStatus(e);
                boolean generationGone = status == 412 || status == 404;
                if (!generationGone || (pinned && status == 404)) {
                    throw GcsErrors.map("read", key, e);
                }
                if (pinned) {
                    throw new PreconditionFailedException("the file was replaced while it was being read; its generation is no"
                            + " longer live, and the read does not mix two versions (HTTP 412)", key, e);
                }
                if (restarts >= MAX_RESTARTS) {
                    throw new PreconditionFailedException("the file was replaced " + (restarts + 1)
                            + " times before its first byte could be read (HTTP 412)", key, e);
                }
                closeQuietly(channel);
                lookUp(); // nothing of the old generation was handed out: start again on the new one
            }
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws ClosedChannelException {
        ensureOpen();
        return position;
    }

    @Override
    public GcsReadChannel position(long newPosition) throws ClosedChannelException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        ensureOpen();
        position = newPosition; // the next read seeks
        return this;
    }

    /** The size of the generation being read; asking for it pins the channel to that generation. */
    @Override
    public long size() throws ClosedChannelException {
        ensureOpen();
        pinned = true;
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Releases the download; never fails (nothing written can be lost by closing a read). */
    @Override
    public void close() {
        if (open) {
            open = false;
            closeQuietly(channel);
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    private static void closeQuietly(SeekableByteChannel ch) {
        try {
            ch.close();
        } catch (IOException | RuntimeException e) {
            // A download being released can report how it ended (a 416 at the end, a reset); the
            // bytes handed out are complete either way.
        }
    }
}
