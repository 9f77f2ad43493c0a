package dev.remotestore.iceberg;

import dev.remotestore.Store;

/**
 * Where an Iceberg location lives: a store, the path in it ({@code ""} for the store's root), and
 * the text that, followed by any path of the store, is that path's location in the caller's form.
 */
record Target(Store store, String path, String base) {
    /** The location of a path of {@link #store()}, spelled as the caller spells locations. */
    String locationOf(String storePath) {
        // base is the whole location when a mapped prefix itself was resolved: add the separator
        return storePath.isEmpty() || base.isEmpty() || base.endsWith("/") ? base + storePath : base + "/" + storePath;
    }
}
