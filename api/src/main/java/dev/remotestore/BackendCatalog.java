package dev.remotestore;

import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.ConfigSchema;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The backend providers on the class path, by type, and the artifact that ships each known type. */
final class BackendCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(BackendCatalog.class);

    /** Types this project ships, and the Maven artifact (group {@code dev.remotestore}) of each. */
    private static final Map<String, String> SHIPPED = Map.of(
            "local", "remote-store-backend-local",
            "memory", "remote-store-backend-local",
            "s3", "remote-store-backend-s3",
            "s3-crt", "remote-store-backend-s3-crt",
            "gcs", "remote-store-backend-gcs",
            "azure", "remote-store-backend-azure");

    private final Map<String, BackendProvider> providers;

    private BackendCatalog(Map<String, BackendProvider> providers) {
        this.providers = providers;
    }

    static BackendCatalog discover(ClassLoader loader) {
        Map<String, BackendProvider> found = new TreeMap<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader)) {
            BackendProvider previous = found.putIfAbsent(p.type(), p);
            if (previous != null) {
                LOG.warn("two providers for backend type {}: using {}, ignoring {}", p.type(),
                        previous.getClass().getName(), p.getClass().getName());
            }
        }
        return new BackendCatalog(found);
    }

    /** The schema of {@code type}'s provider, if one is on the class path. */
    Optional<ConfigSchema> schema(String type) {
        return Optional.ofNullable(providers.get(type)).map(BackendProvider::schema);
    }

    /** The provider of {@code type}, or an error naming the key, its origin and what to add. */
    BackendProvider require(String type, String key, String origin) {
        BackendProvider provider = providers.get(type);
        if (provider != null) {
            return provider;
        }
        String artifact = SHIPPED.get(type);
        if (artifact != null) {
            throw new InvalidConfigException(key, origin, "backend type '" + type
                    + "' is not on the class path; add the dependency dev.remotestore:" + artifact);
        }
        throw new InvalidConfigException(key, origin, "unknown backend type '" + type + "'; types on the class path: "
                + String.join(", ", providers.keySet()) + "; types this project ships: "
                + String.join(", ", new TreeMap<>(SHIPPED).keySet()));
    }
}
