package dev.remotestore.examples.commitlog;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One committed entry of a {@link CommitLog}: its version and the bytes its writer appended.
 *
 * @param version the entry's place in the log, from 0
 * @param bytes the entry as appended; the array is the caller's to keep (records compare arrays
 *     by reference, so compare {@code bytes} with {@link java.util.Arrays#equals(byte[], byte[])})
 */
public record LogEntry(long version, byte[] bytes) {
    public LogEntry {
        if (version < 0) {
            throw new IllegalArgumentException("version is negative: " + version);
        }
        Objects.requireNonNull(bytes, "bytes is null");
    }

    /** The entry decoded as UTF-8. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
