package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.Key;
import dev.remotestore.spi.ConfigSchema.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hides the values of a backend block that may be secret, judged by what the type's schema
 * declares rather than by key names: a value is shown only when its key is declared with a
 * type other than {@link ValueType#SECRET} (and is not named like a credential, as a backstop).
 * Keys the schema does not know, and every key when the type's provider is absent, are hidden:
 * nothing says what they hold.
 */
final class SecretMask {
    static final String MASK = "****";

    private final ConfigSchema schema;

    /** @param schema the type's schema, or null when its provider is not on the class path */
    SecretMask(ConfigSchema schema) {
        this.schema = schema;
    }

    /** {@code {key=value, ...}} with hidden values as {@value #MASK}, keys sorted. */
    String render(ConfigObject block) {
        return render(block, schema);
    }

    /** {@code block} with each hidden leaf replaced by {@value #MASK}, its origin kept. */
    Config maskedConfig(Config block) {
        Config masked = block;
        for (Map.Entry<List<String>, ConfigValue> hidden : hiddenLeaves(block.root(), schema, new ArrayList<>()).entrySet()) {
            ConfigValue value = hidden.getValue();
            masked = masked.withValue(ConfigUtil.joinPath(hidden.getKey()), ConfigValueFactory.fromAnyRef(MASK).withOrigin(value.origin()));
        }
        return masked;
    }

    private static String render(ConfigObject object, ConfigSchema schema) {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            Optional<Key> key = schema == null ? Optional.empty() : schema.key(e.getKey());
            if (e.getValue() instanceof ConfigObject nested) {
                sb.append(render(nested, key.map(Key::nested).orElse(null)));
            } else if (shown(key, e.getKey())) {
                sb.append(e.getValue().unwrapped());
            } else {
                sb.append(MASK);
            }
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    private static Map<List<String>, ConfigValue> hiddenLeaves(ConfigObject object, ConfigSchema schema, List<String> prefix) {
        Map<List<String>, ConfigValue> hidden = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            Optional<Key> key = schema == null ? Optional.empty() : schema.key(e.getKey());
            if (e.getValue() instanceof ConfigObject nested) {
                hidden.putAll(hiddenLeaves(nested, key.map(Key::nested).orElse(null), path));
            } else if (!shown(key, e.getKey())) {
                hidden.put(path, e.getValue());
            }
        }
        return hidden;
    }

    private static boolean shown(Optional<Key> key, String name) {
        return key.isPresent() && key.get().type() != ValueType.SECRET && key.get().type() != ValueType.OBJECT
                && !ConfigSchema.looksSecret(name);
    }
}
