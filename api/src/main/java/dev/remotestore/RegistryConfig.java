package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.spi.ConfigOrigins;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry's whole configuration: named backends and named stores. Built from the
 * {@code remote-store} block of a HOCON config ({@link #fromConfig}) or in code ({@link #builder}).
 * The structure is checked here; backend options are checked against their type's schema when a
 * {@link Registry} is built. Immutable.
 */
public final class RegistryConfig {
    /** The HOCON path of the registry's block. */
    public static final String ROOT = "remote-store";

    private static final Set<String> TOP_KEYS = Set.of("backends", "stores", "observability");
    private static final Set<String> STORE_KEYS = Set.of("backend", "root-path");

    private final Map<String, BackendConfig> backends;
    private final Map<String, StoreProfile> stores;
    private final ObservabilitySettings observability;

    private RegistryConfig(Map<String, BackendConfig> backends, Map<String, StoreProfile> stores,
            ObservabilitySettings observability) {
        this.backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores));
        this.observability = observability;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code remote-store} block of {@code config}, resolving substitutions such as
     * {@code ${?RS_S3_ENDPOINT}} (environment variables included).
     *
     * @throws InvalidConfigException if the block is missing or malformed
     */
    public static RegistryConfig fromConfig(Config config) {
        Objects.requireNonNull(config, "config is null");
        Config resolved;
        try {
            resolved = config.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            String origin = e.origin() == null ? null : ConfigOrigins.describe(e.origin());
            throw new InvalidConfigException(ROOT, origin, "cannot resolve substitutions: " + e.getClass().getSimpleName());
        }
        if (!resolved.hasPath(ROOT)) {
            throw new InvalidConfigException(ROOT, ConfigOrigins.describe(resolved.root().origin()), "missing: no remote-store block in the config");
        }
        ConfigObject top = object(resolved.root().get(ROOT), ROOT);
        rejectUnknown(top, ROOT, TOP_KEYS);
        Builder builder = builder();
        ConfigValue backendsValue = top.get("backends");
        if (backendsValue != null) {
            ConfigObject backends = object(backendsValue, ROOT + ".backends");
            for (String name : new TreeMap<>(backends).keySet()) {
                String path = ROOT + ".backends." + name;
                ConfigObject block = object(backends.get(name), path);
                ConfigValue type = block.get("type");
                if (type == null) {
                    throw new InvalidConfigException(path + ".type", ConfigOrigins.describe(block.origin()),
                            "missing required key (the backend type: local, memory, s3, s3-crt, gcs or azure)");
                }
                builder.backend(BackendConfig.fromHocon(name, string(type, path + ".type"), block.toConfig(), path));
            }
        }
        ConfigValue storesValue = top.get("stores");
        if (storesValue != null) {
            ConfigObject stores = object(storesValue, ROOT + ".stores");
            for (String name : new TreeMap<>(stores).keySet()) {
                String path = ROOT + ".stores." + name;
                ConfigObject block = object(stores.get(name), path);
                rejectUnknown(block, path, STORE_KEYS);
                ConfigValue backend = block.get("backend");
                if (backend == null) {
                    throw new InvalidConfigException(path + ".backend", ConfigOrigins.describe(block.origin()),
                            "missing required key (the name of a backend under " + ROOT + ".backends)");
                }
                ConfigValue root = block.get("root-path");
                builder.store(new StoreProfile(name, string(backend, path + ".backend"),
                        root == null ? "" : string(root, path + ".root-path"), ConfigOrigins.describe(block.origin())));
            }
        }
        ConfigValue observabilityValue = top.get("observability");
        if (observabilityValue != null) {
            builder.observability(ObservabilityBlock.parse(object(observabilityValue, ObservabilityBlock.PATH)));
        }
        return builder.build();
    }

    private static ConfigObject object(ConfigValue value, String path) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new InvalidConfigException(path, ConfigOrigins.describe(value.origin()), "expected a block { ... }, found " + value.valueType().name().toLowerCase());
        }
        return (ConfigObject) value;
    }

    private static String string(ConfigValue value, String path) {
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST
                || value.valueType() == ConfigValueType.NULL) {
            throw new InvalidConfigException(path, ConfigOrigins.describe(value.origin()), "expected a string, found " + value.valueType().name().toLowerCase());
        }
        return String.valueOf(value.unwrapped());
    }

    private static void rejectUnknown(ConfigObject object, String path, Set<String> accepted) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            if (!accepted.contains(e.getKey())) {
                throw new InvalidConfigException(path + "." + e.getKey(), ConfigOrigins.describe(e.getValue().origin()),
                        "unknown key; accepted keys here are: " + String.join(", ", new java.util.TreeSet<>(accepted)));
            }
        }
    }

    /** Backends by name, in definition order. */
    public Map<String, BackendConfig> backends() {
        return backends;
    }

    /** Stores by name, in definition order. */
    public Map<String, StoreProfile> stores() {
        return stores;
    }

    /** The {@code observability} block: which metrics, tracing and logging features are on. */
    public ObservabilitySettings observability() {
        return observability;
    }

    @Override
    public String toString() {
        return "RegistryConfig{backends=" + backends.values() + ", stores=" + stores.values() + '}';
    }

    /** Builds a {@link RegistryConfig} in code. */
    public static final class Builder {
        private final Map<String, BackendConfig> backends = new LinkedHashMap<>();
        private final Map<String, StoreProfile> stores = new LinkedHashMap<>();
        private ObservabilitySettings observability = ObservabilitySettings.defaults();

        private Builder() {
        }

        public Builder backend(BackendConfig backend) {
            if (backends.putIfAbsent(backend.name(), backend) != null) {
                throw new IllegalArgumentException("duplicate backend name: " + backend.name());
            }
            return this;
        }

        public Builder store(StoreProfile store) {
            if (stores.putIfAbsent(store.name(), store) != null) {
                throw new IllegalArgumentException("duplicate store name: " + store.name());
            }
            return this;
        }

        /** A store named {@code name} over the whole of backend {@code backend}. */
        public Builder store(String name, String backend) {
            return store(new StoreProfile(name, backend));
        }

        /** The observability switches; {@link ObservabilitySettings#defaults()} if not called. */
        public Builder observability(ObservabilitySettings settings) {
            this.observability = Objects.requireNonNull(settings, "settings is null");
            return this;
        }

        public RegistryConfig build() {
            return new RegistryConfig(backends, stores, observability);
        }
    }
}
