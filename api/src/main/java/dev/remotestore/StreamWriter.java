package dev.remotestore;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a file's content for {@link Store#write(String, WriteOptions, StreamWriter)}, which
 * commits only if this returns normally.
 */
@FunctionalInterface
public interface StreamWriter {
    /** Writes the content to {@code out}. Must not close it; the store commits or aborts. */
    void writeTo(OutputStream out) throws IOException;
}
