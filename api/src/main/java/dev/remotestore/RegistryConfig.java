package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.spi.ConfigOrigins;
import dev.remotestore.spi.ConfigProblems;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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
     * {@code ${?RS_S3_ENDPOINT}} (environment variables included; a value taken from one names
     * the variable in error messages).
     *
     * @throws InvalidConfigException listing every problem: the block is missing or malformed,
     *         a substitution does not resolve
     */
    public static RegistryConfig fromConfig(Config config) {
        ConfigProblems problems = new ConfigProblems();
        RegistryConfig read = read(config, null, problems, new java.util.HashSet<>());
        problems.throwIfAny();
        return read;
    }

    /**
     * Reads what it can, recording each problem instead of stopping at the first.
     *
     * @param sources what was read to make {@code config}, for the message when the block is
     *        missing; null: described from the config's origins
     * @param broken receives the names of backends whose block is too malformed to keep, so
     *        that stores naming them are not reported a second time
     */
    static RegistryConfig read(Config config, String sources, ConfigProblems problems, Set<String> broken) {
        Objects.requireNonNull(config, "config is null");
        Builder builder = builder();
        Config resolved;
        try {
            resolved = config.resolve(EnvironmentResolver.options());
        } catch (ConfigException e) {
            problems.add(HoconFailures.wrap(e));
            return builder.build();
        }
        if (!resolved.hasPath(ROOT)) {
            problems.add(ROOT, null, "missing: no remote-store block in the config; read from "
                    + (sources != null ? sources : ConfigSources.of(resolved)));
            return builder.build();
        }
        ConfigObject top = object(resolved.root().get(ROOT), ROOT, problems);
        if (top == null) {
            return builder.build();
        }
        rejectUnknown(top, ROOT, TOP_KEYS, problems);
        ConfigValue backendsValue = top.get("backends");
        ConfigObject backends = backendsValue == null ? null : object(backendsValue, ROOT + ".backends", problems);
        if (backends != null) {
            for (String name : new TreeMap<>(backends).keySet()) {
                String path = ROOT + ".backends." + name;
                ConfigObject block = object(backends.get(name), path, problems);
                ConfigValue type = block == null ? null : block.get("type");
                if (block != null && type == null) {
                    problems.add(path + ".type", ConfigOrigins.describe(block.origin()),
                            "missing required key (the backend type: local, memory, s3, s3-crt, gcs or azure)");
                }
                String typeName = type == null ? null : string(type, path + ".type", problems);
                if (typeName == null) {
                    broken.add(name);
                } else {
                    builder.backend(BackendConfig.fromHocon(name, typeName, block.toConfig(), path));
                }
            }
        }
        ConfigValue storesValue = top.get("stores");
        ConfigObject stores = storesValue == null ? null : object(storesValue, ROOT + ".stores", problems);
        if (stores != null) {
            for (String name : new TreeMap<>(stores).keySet()) {
                String path = ROOT + ".stores." + name;
                ConfigObject block = object(stores.get(name), path, problems);
                if (block == null) {
                    continue;
                }
                rejectUnknown(block, path, STORE_KEYS, problems);
                ConfigValue backend = block.get("backend");
                if (backend == null) {
                    problems.add(path + ".backend", ConfigOrigins.describe(block.origin()),
                            "missing required key (the name of a backend under " + ROOT + ".backends)");
                    continue;
                }
                ConfigValue root = block.get("root-path");
                String backendName = string(backend, path + ".backend", problems);
                String rootPath = root == null ? "" : string(root, path + ".root-path", problems);
                if (backendName != null && rootPath != null) {
                    builder.store(new StoreProfile(name, backendName, rootPath, ConfigOrigins.describe(block.origin())));
                }
            }
        }
        ConfigValue observabilityValue = top.get("observability");
        if (observabilityValue != null) {
            ConfigObject observability = object(observabilityValue, ObservabilityBlock.PATH, problems);
            if (observability != null) {
                problems.check(() -> builder.observability(ObservabilityBlock.parse(observability)));
            }
        }
        return builder.build();
    }

    private static ConfigObject object(ConfigValue value, String path, ConfigProblems problems) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            problems.add(path, ConfigOrigins.describe(value), "expected a block { ... }, found " + value.valueType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return (ConfigObject) value;
    }

    private static String string(ConfigValue value, String path, ConfigProblems problems) {
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST
                || value.valueType() == ConfigValueType.NULL) {
            problems.add(path, ConfigOrigins.describe(value), "expected a string, found " + value.valueType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return String.valueOf(value.unwrapped());
    }

    private static void rejectUnknown(ConfigObject object, String path, Set<String> accepted, ConfigProblems problems) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            if (!accepted.contains(e.getKey())) {
                problems.add(path + "." + e.getKey(), ConfigOrigins.describe(e.getValue()),
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
