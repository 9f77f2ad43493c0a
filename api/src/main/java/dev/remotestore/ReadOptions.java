package dev.remotestore;

import java.util.OptionalLong;

/**
 * Which bytes of a file a read returns. Immutable.
 *
 * <p>A range is clipped to the file: an offset at or past the end reads no bytes, and a length
 * running past the end stops at the end.
 */
public final class ReadOptions {
    private static final ReadOptions WHOLE = new ReadOptions(0, -1);

    private final long offset;
    private final long length;

    private ReadOptions(long offset, long length) {
        this.offset = offset;
        this.length = length;
    }

    /** The whole file. */
    public static ReadOptions whole() {
        return WHOLE;
    }

    /** {@code length} bytes from {@code offset}. */
    public static ReadOptions range(long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length is negative: " + length);
        }
        return new ReadOptions(offset, length);
    }

    /** Everything from {@code offset} to the end. */
    public static ReadOptions from(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        return new ReadOptions(offset, -1);
    }

    public long offset() {
        return offset;
    }

    /** The number of bytes asked for; empty means "to the end". */
    public OptionalLong length() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** Whether this reads the whole file. */
    public boolean isWhole() {
        return offset == 0 && length < 0;
    }

    @Override
    public String toString() {
        return isWhole() ? "ReadOptions{whole}" : "ReadOptions{offset=" + offset + ", length=" + (length < 0 ? "to end" : length) + '}';
    }
}
