package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.remotestore.spi.ConfigOrigins;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-scheme defaults for stores opened from URLs, from a {@code url-defaults} block:
 * {@code url-defaults.s3 { type = s3-crt, region = eu-west-1 }}. {@code type} picks the backend
 * type; every other key is a key of that type's backend block, filled in where the URL and the
 * environment leave it unset, and validated against the type's schema like any backend block.
 * Immutable.
 */
final class UrlDefaults {
    private static final Set<String> SCHEMES = Set.of(StoreUrl.FILE, StoreUrl.MEMORY, StoreUrl.S3, StoreUrl.GS, StoreUrl.AZ);
    private static final UrlDefaults NONE = new UrlDefaults(Map.of());

    private final Map<String, Map<String, Object>> byScheme;

    private UrlDefaults(Map<String, Map<String, Object>> byScheme) {
        this.byScheme = byScheme;
    }

    static UrlDefaults none() {
        return NONE;
    }

    /**
     * Reads a {@code url-defaults} block.
     *
     * @param keyPath the block's full path, for messages
     * @throws InvalidConfigException naming an unknown scheme or a block that is not one
     */
    static UrlDefaults fromConfig(ConfigObject block, String keyPath) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
            String path = keyPath + "." + e.getKey();
            if (!SCHEMES.contains(e.getKey())) {
                throw new InvalidConfigException(path, ConfigOrigins.describe(e.getValue().origin()),
                        "unknown scheme; url-defaults accepts: az, file, gs, memory, s3 (canonical schemes, not aliases)");
            }
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new InvalidConfigException(path, ConfigOrigins.describe(e.getValue().origin()), "expected a block { ... }");
            }
            Config scheme = ((ConfigObject) e.getValue()).toConfig();
            if (scheme.hasPath("type") && scheme.getValue("type").valueType() != ConfigValueType.STRING) {
                throw new InvalidConfigException(path + ".type", ConfigOrigins.describe(scheme.getValue("type").origin()),
                        "expected a backend type name");
            }
            out.put(e.getKey(), scheme.root().unwrapped());
        }
        return new UrlDefaults(Map.copyOf(out));
    }

    /** The default backend type for a scheme, if set. */
    Optional<String> type(String scheme) {
        Object t = byScheme.getOrDefault(scheme, Map.of()).get("type");
        return Optional.ofNullable(t == null ? null : t.toString());
    }

    /** The default backend keys for a scheme, without {@code type}. */
    Map<String, Object> options(String scheme) {
        Map<String, Object> m = new HashMap<>(byScheme.getOrDefault(scheme, Map.of()));
        m.remove("type");
        return m;
    }
}
