package dev.remotestore;

/**
 * A backend's streaming write whose failures leave as {@link RemoteStoreException}s and whose
 * result carries the store-relative path. A failed write or commit aborts the upload.
 */
final class GuardedOutputStream extends StoreOutputStream {
    private final StoreOutputStream out;
    private final ErrorTranslator errors;
    private final String path;

    GuardedOutputStream(StoreOutputStream out, ErrorTranslator errors, String path) {
        this.out = out;
        this.errors = errors;
        this.path = path;
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IllegalStateException e) {
            throw e; // written after commit or abort: the caller's mistake, as StoreOutputStream says
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IllegalStateException e) {
            throw e; // written after commit or abort: the caller's mistake, as StoreOutputStream says
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IllegalStateException e) {
            throw e; // written after commit or abort: the caller's mistake, as StoreOutputStream says
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public WriteResult commit() {
        if (out.isCommitted()) {
            throw new IllegalStateException("already committed: " + path);
        }
        try {
            return out.commit().withPath(path);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void abort() {
        try {
            out.abort();
        } catch (Exception e) {
            throw errors.translate(e, path);
        }
    }

    @Override
    public boolean isCommitted() {
        return out.isCommitted();
    }

    private RemoteStoreException failed(Exception e) {
        RemoteStoreException mapped = errors.translate(e, path);
        try {
            out.abort();
        } catch (Exception suppressed) {
            mapped.addSuppressed(suppressed);
        }
        return mapped;
    }
}
