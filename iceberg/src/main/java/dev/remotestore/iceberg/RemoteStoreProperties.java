package dev.remotestore.iceberg;

/**
 * The catalog properties {@link RemoteStoreFileIO} reads (the catalog passes every property it
 * was given to {@code FileIO.initialize}). All are optional: without any, every location is opened
 * as a URL with each cloud's environment conventions (README "Stores from URLs").
 */
public final class RemoteStoreProperties {
    /**
     * A HOCON file holding a {@code remote-store { ... }} block: backends, stores, URL defaults,
     * observability. It is read once, where the catalog is created; its text travels with the
     * serialised FileIO, so executors need no copy of the file ({@code ${?VAR}} substitutions are
     * resolved where the FileIO is used).
     */
    public static final String CONFIG_FILE = "remote-store.config-file";

    /** The same as inline HOCON text; used when {@link #CONFIG_FILE} is not set. */
    public static final String CONFIG = "remote-store.config";

    /**
     * Prefix of the location mappings: {@code remote-store.location.<store> = <location prefix>}
     * sends every location under the prefix to the named store of the configuration, the rest of
     * the location being the path in that store. The longest matching prefix wins.
     */
    public static final String LOCATION_PREFIX = "remote-store.location.";

    /** How many deletes {@code deleteFiles} runs at once (default {@value #DEFAULT_DELETE_THREADS}). */
    public static final String DELETE_THREADS = "remote-store.delete-threads";

    /** The default of {@link #DELETE_THREADS}. */
    public static final int DEFAULT_DELETE_THREADS = 8;

    private RemoteStoreProperties() {
    }
}
