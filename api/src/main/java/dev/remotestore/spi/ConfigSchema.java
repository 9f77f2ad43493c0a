package dev.remotestore.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys a backend block accepts, with their value types. The registry rejects a block with an
 * unknown key, a value of the wrong type or a missing required key, naming the key and where it
 * was set. Immutable.
 */
public final class ConfigSchema {

    /** The type of a key's value, as HOCON reads it. */
    public enum ValueType {
        STRING("a string"),
        /** A string that is never shown: in {@code toString}, logs and messages it reads {@code ****}. */
        SECRET("a string"),
        BOOLEAN("true or false"),
        INT("an integer"),
        /** A HOCON duration such as {@code 30s} or {@code 500ms}. */
        DURATION("a duration such as 30s"),
        /** A HOCON memory size such as {@code 8MiB}. */
        BYTES("a size such as 8MiB"),
        /** A nested block with a schema of its own. */
        OBJECT("a block { ... }");

        private final String expected;

        ValueType(String expected) {
            this.expected = expected;
        }

        /** How a message describes a valid value of this type. */
        public String expected() {
            return expected;
        }
    }

    /** One accepted key. {@code nested} is set for {@link ValueType#OBJECT} keys only. */
    public record Key(String name, ValueType type, boolean required, ConfigSchema nested, String description) {
        public Key {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(type, "type is null");
            if ((type == ValueType.OBJECT) != (nested != null)) {
                throw new IllegalArgumentException("nested schema is for OBJECT keys only: " + name);
            }
        }
    }

    private static final Pattern SECRET_NAME = Pattern.compile(
            "secret|password|passwd|key|token|connection-?string|sas|credential|signature|private");

    private static final ConfigSchema EMPTY = new ConfigSchema(Map.of());

    private final Map<String, Key> keys;

    private ConfigSchema(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A schema that accepts no keys. */
    public static ConfigSchema empty() {
        return EMPTY;
    }

    public Optional<Key> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public Collection<Key> keys() {
        return keys.values();
    }

    /**
     * Whether a key's value must never be shown: declared {@link ValueType#SECRET}, or named like
     * a credential (secret, password, key, token, connection string, SAS, ...).
     */
    public boolean isSecret(String name) {
        Key k = keys.get(name);
        return (k != null && k.type() == ValueType.SECRET) || looksSecret(name);
    }

    /** Whether a key name looks like it holds a credential. */
    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** Builds a {@link ConfigSchema}. */
    public static final class Builder {
        private final Map<String, Key> keys = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder required(String name, ValueType type, String description) {
            return add(new Key(name, type, true, null, description));
        }

        public Builder optional(String name, ValueType type, String description) {
            return add(new Key(name, type, false, null, description));
        }

        /** An optional nested block. */
        public Builder block(String name, ConfigSchema nested, String description) {
            return add(new Key(name, ValueType.OBJECT, false, nested, description));
        }

        private Builder add(Key key) {
            if (key.name().equals("type")) {
                throw new IllegalArgumentException("'type' is reserved");
            }
            if (keys.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("duplicate key: " + key.name());
            }
            return this;
        }

        public ConfigSchema build() {
            return new ConfigSchema(new LinkedHashMap<>(keys));
        }
    }
}
