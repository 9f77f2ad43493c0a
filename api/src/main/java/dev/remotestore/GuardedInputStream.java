package dev.remotestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A backend's input stream whose failures leave as {@link RemoteStoreException}s. */
final class GuardedInputStream extends InputStream {
    private final InputStream in;
    private final ErrorTranslator errors;
    private final String path;

    GuardedInputStream(InputStream in, ErrorTranslator errors, String path) {
        this.in = in;
        this.errors = errors;
        this.path = path;
    }

    @Override
    public int read() {
        try {
            return in.read();
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        try {
            return in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public byte[] readAllBytes() {
        try {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public long skip(long n) {
        try {
            return in.skip(n);
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public int available() {
        try {
            return in.available();
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        // Failures of the target stream are the caller's and keep their type.
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            throw errors.translate(e, path);
        }
    }
}
