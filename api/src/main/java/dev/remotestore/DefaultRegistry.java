package dev.remotestore;

/**
 * The process-wide registry for code that opens URLs without managing a registry of its own
 * ({@code DefaultRegistry.get().open("s3://bucket/key")}). Created on first use with no named
 * stores, so it needs no config file; closed by a JVM shutdown hook, which closes every backend
 * its URL stores opened. Code that can own a registry should: closing it earlier frees clients
 * and connection pools sooner.
 */
public final class DefaultRegistry {
    private static Registry instance;

    private DefaultRegistry() {
    }

    /** The process-wide registry; after it was closed (by the hook or by a caller), a new one. */
    public static synchronized Registry get() {
        if (instance == null || instance.isClosed()) {
            Registry created = Registry.of(RegistryConfig.builder().build());
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "remote-store-default-registry-close"));
            instance = created;
        }
        return instance;
    }
}
