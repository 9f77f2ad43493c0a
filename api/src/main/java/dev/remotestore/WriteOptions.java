package dev.remotestore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a write treats an existing file, and what is stored with the bytes. Immutable.
 *
 * <ul>
 *   <li>{@link #createOnly()} (the default): the write fails with {@link AlreadyExistsException}
 *       if the file exists, decided atomically by the backend.
 *   <li>{@link #overwrite()}: the write replaces any existing file.
 *   <li>{@link #ifMatch(String)}: the write replaces the file only if its current ETag equals the
 *       one given, else fails with {@link PreconditionFailedException}: a compare-and-swap.
 * </ul>
 */
public final class WriteOptions {
    /** What the write requires of the target. */
    public enum Mode {
        CREATE_ONLY,
        OVERWRITE,
        IF_MATCH
    }

    private static final WriteOptions CREATE_ONLY = new WriteOptions(Mode.CREATE_ONLY, null, null, Map.of());
    private static final WriteOptions OVERWRITE = new WriteOptions(Mode.OVERWRITE, null, null, Map.of());

    private final Mode mode;
    private final String expectedEtag;
    private final String contentType;
    private final Map<String, String> metadata;

    private WriteOptions(Mode mode, String expectedEtag, String contentType, Map<String, String> metadata) {
        this.mode = mode;
        this.expectedEtag = expectedEtag;
        this.contentType = contentType;
        this.metadata = metadata;
    }

    /** Fail with {@link AlreadyExistsException} if the file exists. The default. */
    public static WriteOptions createOnly() {
        return CREATE_ONLY;
    }

    /** Replace whatever is there. */
    public static WriteOptions overwrite() {
        return OVERWRITE;
    }

    /** Replace the file only if its current ETag is {@code etag}. */
    public static WriteOptions ifMatch(String etag) {
        Objects.requireNonNull(etag, "etag is null");
        if (etag.isEmpty()) {
            throw new IllegalArgumentException("etag is empty");
        }
        return new WriteOptions(Mode.IF_MATCH, etag, null, Map.of());
    }

    /** The same options with a content type to store with the file. */
    public WriteOptions withContentType(String type) {
        Objects.requireNonNull(type, "content type is null");
        return new WriteOptions(mode, expectedEtag, type, metadata);
    }

    /**
     * The same options with user metadata to store with the file. Keys are lower-case ASCII
     * letters, digits, {@code -} and {@code _} (the common ground of S3, GCS and Azure).
     */
    public WriteOptions withMetadata(Map<String, String> userMetadata) {
        Objects.requireNonNull(userMetadata, "metadata is null");
        Map<String, String> copy = new LinkedHashMap<>();
        userMetadata.forEach((k, v) -> {
            Objects.requireNonNull(k, "metadata key is null");
            Objects.requireNonNull(v, "metadata value of " + k + " is null");
            if (k.isEmpty() || !k.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("metadata key must be lower-case letters, digits, '-' or '_': " + k);
            }
            copy.put(k, v);
        });
        return new WriteOptions(mode, expectedEtag, contentType, Map.copyOf(copy));
    }

    public Mode mode() {
        return mode;
    }

    /** The ETag required by {@link Mode#IF_MATCH}; empty otherwise. */
    public Optional<String> expectedEtag() {
        return Optional.ofNullable(expectedEtag);
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Unmodifiable; empty when none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "WriteOptions{" + mode
                + (expectedEtag == null ? "" : ", etag=" + expectedEtag)
                + (contentType == null ? "" : ", contentType=" + contentType)
                + (metadata.isEmpty() ? "" : ", metadata=" + metadata.keySet())
                + '}';
    }
}
