package dev.remotestore.iceberg;

import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.StoreLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Resolves Iceberg locations to stores of one registry: first by the longest
 * {@code remote-store.location.<store>} prefix, then as a URL (a plain path, {@code file:},
 * {@code s3://}, {@code gs://}, {@code az://}, ...). Owns the registry and closes it. Thread-safe.
 */
final class LocationResolver implements AutoCloseable {
    private record Mapping(String prefix, String store) {
    }

    private final Registry registry;
    private final List<Mapping> mappings;

    private LocationResolver(Registry registry, List<Mapping> mappings) {
        this.registry = registry;
        this.mappings = mappings;
    }

    /**
     * A resolver over a registry built from {@code hocon} (null: no named stores, URLs only) and
     * the location mappings of {@code properties}. Validates the whole configuration now, and
     * that every mapping names a configured store; creates no client.
     */
    static LocationResolver create(String hocon, Map<String, String> properties) {
        Registry registry = hocon == null ? Registry.of(RegistryConfig.builder().build()) : Registry.fromHocon(hocon);
        try {
            List<Mapping> mappings = new ArrayList<>();
            for (Map.Entry<String, String> e : properties.entrySet()) {
                if (e.getKey().startsWith(RemoteStoreProperties.LOCATION_PREFIX)) {
                    String store = e.getKey().substring(RemoteStoreProperties.LOCATION_PREFIX.length());
                    if (!registry.storeNames().contains(store)) {
                        throw new IllegalArgumentException(e.getKey() + ": no store named '" + store
                                + "' in the remote-store configuration; known stores: " + registry.storeNames());
                    }
                    String prefix = trimTrailingSlashes(e.getValue());
                    if (prefix.isEmpty()) {
                        throw new IllegalArgumentException(e.getKey() + ": the location prefix is empty");
                    }
                    mappings.add(new Mapping(prefix, store));
                }
            }
            mappings.sort(Comparator.comparingInt((Mapping m) -> m.prefix().length()).reversed());
            return new LocationResolver(registry, List.copyOf(mappings));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** The store and path of {@code location}. */
    Target resolve(String location) {
        for (Mapping m : mappings) {
            String rest = restAfter(location, m.prefix());
            if (rest != null) {
                String path = rest;
                while (path.startsWith("/")) {
                    path = path.substring(1);
                }
                return new Target(registry.getStore(m.store()), path, location.substring(0, location.length() - path.length()));
            }
        }
        StoreLocation at = registry.open(LiteralLocations.toOpenable(location));
        String path = at.path();
        String base = location.endsWith(path) ? location.substring(0, location.length() - path.length())
                : location.substring(0, location.lastIndexOf('/') + 1);
        return new Target(at.store(), path, base);
    }

    /** The part of {@code location} after {@code prefix}, or null when the prefix does not cover it. */
    private static String restAfter(String location, String prefix) {
        if (!location.startsWith(prefix)) {
            return null;
        }
        String rest = location.substring(prefix.length());
        return rest.isEmpty() || rest.startsWith("/") ? rest : null;
    }

    private static String trimTrailingSlashes(String s) {
        String t = s.strip();
        while (t.endsWith("/") && !t.endsWith("://")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Closes the registry, and with it every backend it created. */
    @Override
    public void close() {
        registry.close();
    }
}
