package dev.remotestore;

import java.io.OutputStream;

/**
 * A streaming write that becomes visible only when {@link #commit()} returns.
 *
 * <p>{@link #close()} without a prior {@code commit()} <em>aborts</em>: nothing is written, a
 * previous file at the path stays as it was, and temporary state (a temp file, a multipart
 * upload, staged blocks) is removed. This makes try-with-resources safe: an exception thrown in
 * the block closes the stream, which aborts.
 *
 * <pre>{@code
 * try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite())) {
 *     producer.writeTo(out);
 *     out.commit();            // the file appears here, whole, or the commit throws
 * }
 * }</pre>
 *
 * <p>The create-only / compare-and-swap precondition of the {@link WriteOptions} is decided at
 * commit. Methods throw {@link RemoteStoreException}s (unchecked), not {@code IOException}s.
 * Writing after a commit or an abort throws {@link IllegalStateException}. Not thread-safe.
 */
public abstract class StoreOutputStream extends OutputStream {

    // Redeclared without IOException: failures are RemoteStoreExceptions (ADR 0004).

    @Override
    public abstract void write(int b);

    @Override
    public abstract void write(byte[] b, int off, int len);

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    /** Flushes buffered bytes toward the backend; does not make them visible (only commit does). */
    @Override
    public void flush() {
    }

    /**
     * Makes everything written so far visible at the path, atomically, honouring the write's
     * precondition. After it returns, {@link #close()} does nothing more. If it throws, the write
     * is aborted and nothing is left behind.
     *
     * @return the written file's new ETag and version
     * @throws IllegalStateException if the stream was already committed or aborted
     */
    public abstract WriteResult commit();

    /** Discards the write. Idempotent; does nothing after a commit. */
    public abstract void abort();

    /** Whether {@link #commit()} has succeeded. */
    public abstract boolean isCommitted();

    /** Aborts unless committed. */
    @Override
    public void close() {
        if (!isCommitted()) {
            abort();
        }
    }
}
