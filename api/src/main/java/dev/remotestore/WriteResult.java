package dev.remotestore;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a committed write, copy or move.
 *
 * @param path the written path, relative to the store
 * @param etag the new version tag, usable with {@link WriteOptions#ifMatch(String)}
 * @param version the backend's object version, if it keeps versions
 */
public record WriteResult(String path, String etag, Optional<String> version) {
    public WriteResult {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(etag, "etag is null");
        version = version == null ? Optional.empty() : version;
    }

    public WriteResult withPath(String newPath) {
        return new WriteResult(newPath, etag, version);
    }
}
