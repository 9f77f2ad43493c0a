package dev.remotestore;

/**
 * A backend's streaming write whose failures leave as {@link RemoteStoreException}s and whose
 * result carries the store-relative path. A failed write or commit aborts the upload. When
 * observed ({@code op} not null) it counts the bytes written and ends the operation at commit,
 * failure or abort.
 */
final class GuardedOutputStream extends StoreOutputStream {
    private final StoreOutputStream out;
    private final ErrorTranslator errors;
    private final String path;
    private final InFlight op;

    GuardedOutputStream(StoreOutputStream out, ErrorTranslator errors, String path, InFlight op) {
        this.out = out;
        this.errors = errors;
        this.path = path;
        this.op = op;
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
            if (op != null) {
                op.addBytes(1);
            }
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
            if (op != null) {
                op.addBytes(len);
            }
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
            WriteResult result = out.commit().withPath(path);
            if (op != null) {
                op.end();
            }
            return result;
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
            RemoteStoreException mapped = errors.translate(e, path);
            if (op != null) {
                op.failed(mapped);
            }
            throw mapped;
        } finally {
            if (op != null && !out.isCommitted()) {
                op.abort();
            }
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
        if (op != null) {
            op.end(mapped);
        }
        return mapped;
    }
}
