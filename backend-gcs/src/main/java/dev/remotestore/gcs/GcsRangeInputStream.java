package dev.remotestore.gcs;

import dev.remotestore.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The bytes of one range of an object, read lazily through a {@link GcsReadChannel}. */
final class GcsRangeInputStream extends InputStream {
    private final GcsReadChannel channel;
    private long remaining;

    private GcsRangeInputStream(GcsReadChannel channel, long remaining) {
        this.channel = channel;
        this.remaining = remaining;
    }

    /** Positions {@code channel} at the range's start; the stream owns the channel from here. */
    static GcsRangeInputStream of(GcsReadChannel channel, ReadOptions range) {
        try {
            if (range.offset() > 0) {
                channel.position(range.offset());
            }
            return new GcsRangeInputStream(channel, range.length().orElse(Long.MAX_VALUE));
        } catch (IOException e) {
            channel.close();
            throw GcsErrors.map("read", null, e); // not reached: the channel was just opened
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
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
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, remaining);
        int n;
        do {
            n = channel.read(ByteBuffer.wrap(b, off, want));
        } while (n == 0);
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public void close() {
        if (channel.isOpen()) {
            channel.close();
        }
    }
}
