package dev.remotestore.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * A byte range of an open file, read on demand with positional reads. The file was opened before
 * this stream was made, so a concurrent replace (a rename over the path) does not change what it
 * reads. Failures leave as the project's exceptions, mapped by {@link LocalErrors}.
 */
final class LocalRangeInputStream extends InputStream {
    private final FileChannel channel;
    private final String key;
    private long position;
    private long remaining;

    /**
     * @param length bytes to read at most; {@code Long.MAX_VALUE} for "to the end"
     */
    LocalRangeInputStream(FileChannel channel, String key, long offset, long length) {
        this.channel = Objects.requireNonNull(channel, "channel is null");
        this.key = key;
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        try {
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
            if (n < 0) {
                remaining = 0;
                return -1;
            }
            position += n;
            remaining -= n;
            return n;
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
    }

    /** The rest in one array sized from the file's length, rather than in growing chunks. */
    @Override
    public byte[] readAllBytes() throws IOException {
        long expected;
        try {
            expected = Math.min(remaining, Math.max(0, channel.size() - position));
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
        if (expected <= 0 || expected > Integer.MAX_VALUE - 8) {
            return super.readAllBytes();
        }
        byte[] head = new byte[(int) expected];
        int filled = 0;
        while (filled < head.length) {
            int n = read(head, filled, head.length - filled);
            if (n < 0) {
                return Arrays.copyOf(head, filled); // shrank meanwhile (written by another tool)
            }
            filled += n;
        }
        byte[] probe = new byte[1];
        if (read(probe, 0, 1) < 0) {
            return head; // the usual end: nothing beyond the length the file had
        }
        byte[] tail = super.readAllBytes(); // it grew meanwhile (written by another tool)
        byte[] all = Arrays.copyOf(head, head.length + 1 + tail.length);
        all[head.length] = probe[0];
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        return all;
    }

    @Override
    public long skip(long n) {
        if (n <= 0 || remaining <= 0) {
            return 0;
        }
        try {
            long skipped = Math.min(Math.min(n, remaining), Math.max(0, channel.size() - position));
            position += skipped;
            remaining -= skipped;
            return skipped;
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
    }

    @Override
    public int available() {
        try {
            return (int) Math.min(Integer.MAX_VALUE, Math.min(remaining, Math.max(0, channel.size() - position)));
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
