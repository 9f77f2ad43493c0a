package dev.remotestore.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * An input stream that tells {@code progress} how many bytes each read returned; with an
 * expected length, it also fails (an {@code IOException}, so a write reading it aborts and
 * publishes nothing) when the source ends early or runs past that length: a file that changed
 * while it was sent must not be stored half old, half new.
 */
public final class ProgressInputStream extends FilterInputStream {
    private final LongConsumer progress;
    private final long expected;
    private final String what;
    private long count;

    public ProgressInputStream(InputStream in, LongConsumer progress) {
        this(in, progress, -1, "the input");
    }

    /**
     * @param expected the exact number of bytes the stream must give, or -1 for any
     * @param what how errors name the source, e.g. {@code "the local file /tmp/a.bin"}
     */
    public ProgressInputStream(InputStream in, LongConsumer progress, long expected, String what) {
        super(Objects.requireNonNull(in, "in is null"));
        this.progress = Objects.requireNonNull(progress, "progress is null");
        this.expected = expected;
        this.what = Objects.requireNonNull(what, "what is null");
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = guard(() -> super.read());
        if (b >= 0) {
            counted(1);
        } else {
            atEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = guard(() -> super.read(b, off, len));
        if (n > 0) {
            counted(n);
        } else if (n < 0) {
            atEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a progress stream does not skip");
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would count bytes twice
    }

    private void counted(int n) throws IOException {
        count += n;
        if (expected >= 0 && count > expected) {
            throw new IOException(what + " grew while it was read: more than the " + expected + " bytes expected");
        }
        progress.accept(n);
    }

    private void atEnd() throws IOException {
        if (expected >= 0 && count < expected) {
            throw new IOException(what + " ended after " + count + " of the " + expected + " bytes expected");
        }
    }

    private interface Read {
        int get() throws IOException;
    }

    private int guard(Read read) throws IOException {
        try {
            return read.get();
        } catch (java.io.InterruptedIOException e) {
            throw e; // its type tells callers the thread was interrupted: kept
        } catch (IOException e) {
            throw new IOException("reading " + what + " failed: " + e, e);
        }
    }
}
