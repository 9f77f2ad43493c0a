package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.remotestore.spi.ConfigOrigins;
import dev.remotestore.spi.ConfigSchema;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One named backend: its {@code type} and the rest of its block. Built from HOCON by
 * {@link RegistryConfig#fromConfig} or programmatically by {@link #of}. Validation against the
 * type's schema happens when a {@link Registry} is built. {@code toString} masks secrets.
 */
public final class BackendConfig {
    private final String name;
    private final String type;
    private final Config block;
    private final String keyPath;

    private BackendConfig(String name, String type, Config block, String keyPath) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.block = Objects.requireNonNull(block, "block is null").withoutPath("type");
        this.keyPath = keyPath;
    }

    /**
     * A backend given in code. Option values are strings, numbers, booleans, or nested maps for
     * blocks; durations and sizes may be given as HOCON strings ({@code "30s"}, {@code "8MiB"}).
     */
    public static BackendConfig of(String name, String type, Map<String, ?> options) {
        Objects.requireNonNull(options, "options is null");
        Config block = ConfigFactory.parseMap(options, "backend '" + name + "' configured in code");
        return new BackendConfig(name, type, block, RegistryConfig.ROOT + ".backends." + name);
    }

    /** A backend given in code with no options. */
    public static BackendConfig of(String name, String type) {
        return of(name, type, Map.of());
    }

    static BackendConfig fromHocon(String name, String type, Config block, String keyPath) {
        return new BackendConfig(name, type, block, keyPath);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** The block's options, without {@code type}. Holds secrets: do not print it. */
    public Config options() {
        return block;
    }

    /** The full key path of the block, for messages. */
    public String keyPath() {
        return keyPath;
    }

    /** Where the block was defined, for messages. */
    String origin() {
        return ConfigOrigins.describe(block.root().origin());
    }

    @Override
    public String toString() {
        return "BackendConfig{name=" + name + ", type=" + type + ", options=" + masked(block.root()) + '}';
    }

    private static String masked(ConfigObject object) {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            if (ConfigSchema.looksSecret(e.getKey()) && !(e.getValue() instanceof ConfigObject)) {
                sb.append("****");
            } else {
                sb.append(masked(e.getValue()));
            }
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    // Blocks inside lists are masked too: a list is not checked against a schema until the
    // registry is built, and this may be printed before that.
    private static String masked(ConfigValue value) {
        if (value instanceof ConfigObject nested) {
            return masked(nested);
        }
        if (value instanceof ConfigList list) {
            StringBuilder sb = new StringBuilder("[");
            String sep = "";
            for (ConfigValue element : list) {
                sb.append(sep).append(masked(element));
                sep = ", ";
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value.unwrapped());
    }
}
