package dev.remotestore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend knows of one file.
 *
 * @param path the file's path, relative to the store it was obtained from
 * @param size its size in bytes
 * @param lastModified when it was last written
 * @param etag an opaque version tag; pass it to {@link WriteOptions#ifMatch(String)} for a
 *     compare-and-swap. It changes whenever the content changes. On {@code local} and
 *     {@code memory} it changes with every write, even of identical bytes; on S3 it is derived
 *     from the content, so rewriting identical bytes may keep it
 * @param contentType the stored content type, if the backend keeps one and one was set
 * @param metadata user metadata (empty when none or unsupported); unmodifiable
 * @param version the backend's object version, if it keeps versions
 */
public record FileInfo(
        String path,
        long size,
        Instant lastModified,
        String etag,
        Optional<String> contentType,
        Map<String, String> metadata,
        Optional<String> version) {

    public FileInfo {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(lastModified, "lastModified is null");
        Objects.requireNonNull(etag, "etag is null");
        contentType = contentType == null ? Optional.empty() : contentType;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        version = version == null ? Optional.empty() : version;
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** The last segment of {@link #path()}. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The same information under another path (used to translate between keys and store paths). */
    public FileInfo withPath(String newPath) {
        return new FileInfo(newPath, size, lastModified, etag, contentType, metadata, version);
    }
}
