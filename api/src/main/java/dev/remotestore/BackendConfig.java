package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.ConfigOrigins;
import dev.remotestore.spi.ConfigSchema;
import java.util.Map;
import java.util.Objects;

/**
 * One named backend: its {@code type} and the rest of its block. Built from HOCON by
 * {@link RegistryConfig#fromConfig} or programmatically by {@link #of}. Validation against the
 * type's schema happens when a {@link Registry} is built.
 *
 * <p>Secrets are masked by what they are: {@code toString} and {@link #options()} show a value only
 * when the type's provider (found on the class path) declares its key and does not declare it
 * {@link ConfigSchema.ValueType#SECRET}; the values of secret keys, of keys the schema does not
 * know and of every key of a type whose provider is absent read {@code ****}.
 */
public final class BackendConfig {
    private final String name;
    private final String type;
    private final Config block;
    private final String keyPath;
    private volatile SecretMask mask;

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

    /**
     * The block's options without {@code type}, with every secret value (and every value whose
     * key the type's schema does not declare) replaced by {@code ****}, origins kept. Backends
     * read their secrets from {@link dev.remotestore.spi.BackendSettings#secret}, not from here.
     */
    public Config options() {
        return mask().maskedConfig(block);
    }

    /** The options as configured, secrets included: for the registry's validation only. */
    Config rawOptions() {
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

    private SecretMask mask() {
        SecretMask m = mask;
        if (m == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigSchema schema = BackendCatalog.discover(loader != null ? loader : BackendConfig.class.getClassLoader())
                    .schema(type).orElse(null);
            m = new SecretMask(schema);
            mask = m;
        }
        return m;
    }

    @Override
    public String toString() {
        return "BackendConfig{name=" + name + ", type=" + type + ", options=" + mask().render(block.root()) + '}';
    }
}
