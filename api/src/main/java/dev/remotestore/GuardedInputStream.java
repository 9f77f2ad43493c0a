package dev.remotestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A backend's input stream whose failures leave as {@link RemoteStoreException}s. When observed
 * ({@code op} not null) it counts the bytes it delivers and ends the operation at close.
 */
final class GuardedInputStream extends InputStream {
    private final InputStream in;
    private final ErrorTranslator errors;
    private final String path;
    private final InFlight op;

    GuardedInputStream(InputStream in, ErrorTranslator errors, String path, InFlight op) {
        this.in = in;
        this.errors = errors;
        this.path = path;
        this.op = op;
    }

    @Override
    public int read() {
        try {
            int b = in.read();
            if (op != null && b >= 0) {
                op.addBytes(1);
            }
            return b;
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        try {
            int n = in.read(b, off, len);
            if (op != null) {
                op.addBytes(n);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public byte[] readAllBytes() {
        try {
            byte[] all = in.readAllBytes();
            if (op != null) {
                op.addBytes(all.length);
            }
            return all;
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public long skip(long n) {
        try {
            return in.skip(n);
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int available() {
        try {
            return in.available();
        } catch (IOException | RuntimeException e) {
            throw failed(e);
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
            throw failed(e);
        } finally {
            if (op != null) {
                op.end();
            }
        }
    }

    private RemoteStoreException failed(Exception e) {
        RemoteStoreException mapped = errors.translate(e, path);
        if (op != null) {
            op.failed(mapped);
        }
        return mapped;
    }
}
