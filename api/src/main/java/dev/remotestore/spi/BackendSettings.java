package dev.remotestore.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.ConfigSchema.Key;
import dev.remotestore.spi.ConfigSchema.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One backend block of the configuration, validated against its provider's {@link ConfigSchema}:
 * every key is known, has the right type, and every required key is present. Typed accessors use
 * keys relative to the block ({@code "bucket"}, {@code "credentials.access-key-id"}).
 *
 * <p>{@link #toString()} shows every value except secrets, which read {@code ****}.
 */
public final class BackendSettings {
    private final String name;
    private final String type;
    private final String keyPath;
    private final Config block;
    private final ConfigSchema schema;
    private final Function<Class<?>, List<?>> components;

    private BackendSettings(String name, String type, String keyPath, Config block, ConfigSchema schema,
            Function<Class<?>, List<?>> components) {
        this.name = name;
        this.type = type;
        this.keyPath = keyPath;
        this.block = block;
        this.schema = schema;
        this.components = components;
    }

    /**
     * The objects of {@code type} that the registry's switched-on observability modules offer
     * for the clients a backend builds, e.g. the AWS SDK's {@code MetricPublisher} (ADR 0032).
     * Typed by the caller so that this module names no SDK. Empty when none offers one, when
     * the feature is switched off, and for settings made by {@link #validate}.
     */
    public <T> List<T> components(Class<T> type) {
        Objects.requireNonNull(type, "type is null");
        return components.apply(type).stream().map(type::cast).toList();
    }

    /**
     * These settings, with {@link #components} answered by {@code lookup}. For the registry,
     * which knows its observability modules; a backend has no use for it.
     */
    public BackendSettings withComponents(Function<Class<?>, List<?>> lookup) {
        return new BackendSettings(name, type, keyPath, block, schema, Objects.requireNonNull(lookup, "lookup is null"));
    }

    /**
     * Validates a backend block against a schema.
     *
     * @param name the backend's name in config
     * @param type its type
     * @param keyPath the full path of the block, for messages (e.g. {@code remote-store.backends.lake})
     * @param block the block, including or excluding its {@code type} key
     * @param schema the provider's schema
     * @throws InvalidConfigException listing every offending key with its origin
     */
    public static BackendSettings validate(String name, String type, String keyPath, Config block, ConfigSchema schema) {
        ConfigProblems problems = new ConfigProblems();
        BackendSettings settings = validate(name, type, keyPath, block, schema, problems);
        problems.throwIfAny();
        return settings;
    }

    /**
     * Validates a backend block against a schema, recording every problem in {@code problems}
     * instead of throwing, and returns settings over the rest of the block: the offending keys
     * are left out, so that a provider's {@link BackendProvider#validate} can still check the
     * others and one report lists everything. Such settings are for validation only.
     */
    public static BackendSettings validate(String name, String type, String keyPath, Config block, ConfigSchema schema,
            ConfigProblems problems) {
        Objects.requireNonNull(block, "block is null");
        Config withoutType = block.withoutPath("type");
        ConfigProblems found = new ConfigProblems();
        check(keyPath, withoutType.root(), schema, found);
        Config rest = withoutType;
        for (InvalidConfigException.Problem p : found.problems()) {
            String relative = p.key().substring(keyPath.length() + 1);
            rest = rest.hasPathOrNull(relative) ? rest.withoutPath(relative) : rest;
        }
        found.problems().forEach(p -> problems.add(p.key(), p.origin(), p.detail()));
        return new BackendSettings(name, type, keyPath, rest, schema, t -> List.of());
    }

    private static void check(String keyPath, ConfigObject object, ConfigSchema schema, ConfigProblems problems) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            String k = e.getKey();
            if (schema.key(k).isEmpty()) {
                String accepted = schema.keys().stream().map(Key::name).collect(Collectors.joining(", "));
                problems.add(keyPath + "." + k, ConfigOrigins.describe(e.getValue()),
                        "unknown key; accepted keys here are: " + (accepted.isEmpty() ? "(none)" : accepted));
            }
        }
        Config config = object.toConfig();
        for (Key key : schema.keys()) {
            String path = quote(key.name());
            String full = keyPath + "." + key.name();
            if (!config.hasPath(path)) {
                if (key.required()) {
                    problems.add(full, ConfigOrigins.describe(object.origin()), "missing required key ("
                            + key.type().expected() + (key.description() == null ? "" : ": " + key.description()) + ")");
                }
                continue;
            }
            ConfigValue value = config.getValue(path);
            try {
                String problem = checkValue(config, path, key, value);
                if (problem != null) {
                    problems.add(full, ConfigOrigins.describe(value), problem);
                }
                if (key.type() == ValueType.OBJECT) {
                    check(full, (ConfigObject) value, key.nested(), problems);
                }
            } catch (ConfigException.WrongType | ConfigException.BadValue e) {
                // The native message may echo the value; it is not chained for that reason.
                problems.add(full, ConfigOrigins.describe(value), "expected " + key.type().expected() + ", found " + describeFound(value));
            }
        }
    }

    /** What is wrong with a present value of {@code key}, or null; throws Typesafe's exceptions for wrong types. */
    private static String checkValue(Config config, String path, Key key, ConfigValue value) {
        switch (key.type()) {
            case STRING, SECRET -> {
                if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
                    throw new ConfigException.WrongType(value.origin(), "not a string");
                }
                return null;
            }
            case BOOLEAN -> {
                config.getBoolean(path);
                return null;
            }
            case INT -> {
                config.getInt(path);
                return null;
            }
            case DURATION -> {
                Duration d = config.getDuration(path);
                return d.isNegative() || d.isZero() ? "must be a positive duration, found " + value.unwrapped() : null;
            }
            case BYTES, BINARY_BYTES -> {
                // getBytes, not getMemorySize: it refuses negative sizes with a BadValue, which is reported below
                long bytes = config.getBytes(path);
                if (bytes <= 0) {
                    return "must be a positive size, found " + value.unwrapped();
                }
                return key.type() == ValueType.BINARY_BYTES ? SizeUnits.decimalUnitProblem(value, bytes) : null;
            }
            case OBJECT -> {
                if (value.valueType() != ConfigValueType.OBJECT) {
                    throw new ConfigException.WrongType(value.origin(), "not an object");
                }
                return null;
            }
            default -> throw new IllegalStateException(key.type().toString());
        }
    }

    private static String describeFound(ConfigValue value) {
        return switch (value.valueType()) {
            case OBJECT -> "a block";
            case LIST -> "a list";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string that does not parse";
        };
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    /** The backend's name in config. */
    public String backendName() {
        return name;
    }

    /** The backend's type. */
    public String type() {
        return type;
    }

    /** The full key path of the block, e.g. {@code remote-store.backends.lake}. */
    public String keyPath() {
        return keyPath;
    }

    public boolean has(String key) {
        return block.hasPath(key);
    }

    /**
     * A required string (the schema guarantees it is present).
     *
     * @throws IllegalArgumentException if the schema declares {@code key} {@link ValueType#SECRET}:
     *         secrets are read through {@link #secret}
     */
    public String string(String key) {
        refuseSecret(key);
        return block.getString(key);
    }

    /** @throws IllegalArgumentException if the schema declares {@code key} {@link ValueType#SECRET} */
    public Optional<String> optionalString(String key) {
        refuseSecret(key);
        return block.hasPath(key) ? Optional.of(block.getString(key)) : Optional.empty();
    }

    /** The value of a secret key, wrapped so that no {@code toString} shows it; the one way to read a secret. */
    public Optional<Secret> secret(String key) {
        return block.hasPath(key) ? Optional.of(new Secret(block.getString(key))) : Optional.empty();
    }

    private void refuseSecret(String key) {
        if (schema.isDeclaredSecret(key)) {
            throw new IllegalArgumentException(keyPath + "." + key + " is declared SECRET: read it with secret(\"" + key + "\")");
        }
    }

    public boolean bool(String key, boolean fallback) {
        return block.hasPath(key) ? block.getBoolean(key) : fallback;
    }

    public int integer(String key, int fallback) {
        return block.hasPath(key) ? block.getInt(key) : fallback;
    }

    public Duration duration(String key, Duration fallback) {
        return block.hasPath(key) ? block.getDuration(key) : fallback;
    }

    /** A {@link ValueType#BYTES} or {@link ValueType#BINARY_BYTES} value in bytes. */
    public long bytes(String key, long fallback) {
        return block.hasPath(key) ? block.getMemorySize(key).toBytes() : fallback;
    }

    /** An error about {@code key} (relative to the block), naming its full path and where it was set. */
    public InvalidConfigException invalid(String key, String detail) {
        String origin = block.hasPath(key)
                ? ConfigOrigins.describe(block.getValue(key))
                : ConfigOrigins.describe(block.root().origin());
        return new InvalidConfigException(keyPath + "." + key, origin, detail);
    }

    @Override
    public String toString() {
        return "BackendSettings{name=" + name + ", type=" + type + ", " + render(block.root(), schema) + '}';
    }

    private static String render(ConfigObject object, ConfigSchema schema) {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            Optional<Key> key = schema.key(e.getKey());
            if (e.getValue() instanceof ConfigObject nested) {
                sb.append(render(nested, key.map(Key::nested).orElse(ConfigSchema.empty())));
            } else if (schema.isSecret(e.getKey())) {
                sb.append("****");
            } else {
                sb.append(e.getValue().unwrapped());
            }
            sep = ", ";
        }
        return sb.append('}').toString();
    }
}
