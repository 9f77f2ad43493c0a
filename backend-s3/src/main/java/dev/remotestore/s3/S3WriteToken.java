package dev.remotestore.s3;

import dev.remotestore.WriteOptions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random token that every conditional write (create-only, compare-and-swap) stores with the
 * object as user metadata ({@code x-amz-meta-rs-write-token}), so that a write whose answer was
 * lost can be recognised by a HEAD for certain (adr/0054). The ETag alone cannot do it: another
 * writer that stored the same bytes gives the object the same MD5 ETag (two clients raising a
 * counter from 5 to 6), and under SSE-KMS the ETag is no MD5 at all.
 *
 * <p>The token is the backend's own: {@link #visible} takes it out of the metadata that reads
 * report and copies carry. It costs about 50 of the 2 KB S3 allows for user metadata.
 */
public final class S3WriteToken {
    /** The user-metadata key of the token (S3 hands metadata keys back lower-cased). */
    public static final String KEY = "rs-write-token";

    private S3WriteToken() {
    }

    /**
     * The options with a fresh token added to their metadata when the write is conditional;
     * options that already carry one, and overwrites, are returned as they are.
     */
    public static WriteOptions stamp(WriteOptions options) {
        if (options.mode() == WriteOptions.Mode.OVERWRITE || of(options) != null) {
            return options;
        }
        Map<String, String> metadata = new LinkedHashMap<>(options.metadata());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        metadata.put(KEY, HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong()));
        return options.withMetadata(metadata);
    }

    /** The token these options carry, or null. */
    public static String of(WriteOptions options) {
        return options.metadata().get(KEY);
    }

    /** The metadata without the token: what a read reports and a copy carries on. */
    public static Map<String, String> visible(Map<String, String> metadata) {
        if (!metadata.containsKey(KEY)) {
            return metadata;
        }
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.remove(KEY);
        return Map.copyOf(copy);
    }
}
