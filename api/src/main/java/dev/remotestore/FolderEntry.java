package dev.remotestore;

import java.util.Objects;

/**
 * A folder found by {@link Store#listFolders(String)}: a path under which at least one file lies.
 *
 * @param path the folder's path, relative to the store, without a trailing slash
 */
public record FolderEntry(String path) {
    public FolderEntry {
        Objects.requireNonNull(path, "path is null");
    }

    /** The last segment of {@link #path()}. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
