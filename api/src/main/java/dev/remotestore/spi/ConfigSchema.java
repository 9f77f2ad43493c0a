package dev.remotestore.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
        /** A positive HOCON duration such as {@code 30s} or {@code 500ms}; zero and negative are refused. */
        DURATION("a positive duration such as 30s"),
        /** A positive HOCON memory size such as {@code 8MiB} or {@code 2GB}; zero and negative are refused. */
        BYTES("a positive size such as 8MiB"),
        /**
         * A positive size where a binary unit is meant (part, block and chunk sizes): {@code 8MiB}, {@code 8M}
         * or a byte count; a decimal unit ({@code 8MB} = 8,000,000 bytes) is refused with a message
         * suggesting the binary one (adr/0024).
         */
        BINARY_BYTES("a positive size in binary units such as 8MiB"),
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
     * The key at a dotted path relative to this schema ({@code "credentials.json"}), looking
     * through nested blocks.
     */
    public Optional<Key> keyAt(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return key(path);
        }
        Key block = keys.get(path.substring(0, dot));
        return block == null || block.nested() == null ? Optional.empty() : block.nested().keyAt(path.substring(dot + 1));
    }

    /** The dotted paths of every key declared {@link ValueType#SECRET}, nested blocks included. */
    public Set<String> secretPaths() {
        Set<String> paths = new TreeSet<>();
        for (Key k : keys.values()) {
            if (k.type() == ValueType.SECRET) {
                paths.add(k.name());
            } else if (k.nested() != null) {
                k.nested().secretPaths().forEach(p -> paths.add(k.name() + "." + p));
            }
        }
        return paths;
    }

    /**
     * Whether a key's value must never be shown: declared {@link ValueType#SECRET}, or named like
     * a credential (secret, password, key, token, connection string, SAS, ...).
     */
    public boolean isSecret(String name) {
        Key k = keys.get(name);
        return (k != null && k.type() == ValueType.SECRET) || looksSecret(name);
    }

    /** Whether the key at a dotted path is declared {@link ValueType#SECRET}. */
    public boolean isDeclaredSecret(String path) {
        return keyAt(path).map(k -> k.type() == ValueType.SECRET).orElse(false);
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
