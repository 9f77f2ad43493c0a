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
 * @param etag an opaque version tag, or {@code null} when the server did not report one; pass
 *     it to {@link WriteOptions#ifMatch(String)} for a compare-and-swap. It changes whenever the
 *     content changes. On {@code local} and {@code memory} it changes with every write, even of
 *     identical bytes; on S3 it is derived from the content, so rewriting identical bytes may
 *     keep it. It is absent only where a server omits it: some S3-compatible servers list an
 *     entry without one (for example an object being replaced at that moment), so an entry of
 *     {@code listFiles} may lack it; {@code getFileInfo} asks the server for the file itself
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
        // etag may be null: a listing must not fail because a server left it out of one entry
        contentType = contentType == null ? Optional.empty() : contentType;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        version = version == null ? Optional.empty() : version;
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** The ETag, or empty when the server did not report one (see {@link #etag()}). */
    public Optional<String> etagIfKnown() {
        return Optional.ofNullable(etag);
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
