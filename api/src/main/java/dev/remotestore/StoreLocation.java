package dev.remotestore;

import java.net.URI;
import java.util.Objects;

/**
 * What a URL opens to: a {@link Store} rooted at the URL's folder, the path of the URL's file in
 * it ({@code ""} when the URL names a folder), and the folder's canonical URL, from which
 * {@link #uri(String)} builds the URL of any path of the store.
 *
 * <pre>{@code
 * StoreLocation at = registry.open("s3://my-bucket/exports/2026/customers.jsonl");
 * try (InputStream in = at.store().read(at.path())) { ... }   // store rooted at exports/2026
 * URI next = at.uri("orders.jsonl");                            // s3://my-bucket/exports/2026/orders.jsonl
 * }</pre>
 */
public record StoreLocation(Store store, String path, StoreUrl folder) {
    public StoreLocation {
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(folder, "folder is null");
    }

    /**
     * The URL of {@code path}, a path of {@link #store()}; {@link Registry#open} of it opens the
     * same file (its key is percent-encoded so that every name a store accepts round-trips).
     *
     * @throws IllegalPathException if {@code path} breaks the store path rules
     */
    public URI uri(String path) {
        return folder.resolve(path).toUri();
    }

    /** The URL this location was opened from, in canonical form. */
    public URI uri() {
        return uri(path);
    }
}
