package dev.remotestore.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongConsumer;

/** An input stream that tells {@code progress} how many bytes each read returned. */
public final class ProgressInputStream extends FilterInputStream {
    private final LongConsumer progress;

    public ProgressInputStream(InputStream in, LongConsumer progress) {
        super(Objects.requireNonNull(in, "in is null"));
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            progress.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a progress stream does not skip");
    }
}
