package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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
 * environment leave it unset, and validated against the type's schema with the rest of the
 * block when a URL of the scheme is opened (messages keep the file and line). Immutable.
 */
final class UrlDefaults {
    private static final Set<String> SCHEMES = Set.of(StoreUrl.FILE, StoreUrl.MEMORY, StoreUrl.S3, StoreUrl.GS, StoreUrl.AZ);
    private static final UrlDefaults NONE = new UrlDefaults(Map.of(), null);

    private final Map<String, Config> byScheme;
    private final String keyPath;

    private UrlDefaults(Map<String, Config> byScheme, String keyPath) {
        this.byScheme = byScheme;
        this.keyPath = keyPath;
    }

    static UrlDefaults none() {
        return NONE;
    }

    /**
     * Reads a {@code url-defaults} block.
     *
     * @param keyPath the block's full path, for messages
     * @throws InvalidConfigException naming an unknown scheme, a block that is not one, or a type that is not a string
     */
    static UrlDefaults fromConfig(ConfigObject block, String keyPath) {
        Map<String, Config> out = new HashMap<>();
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
            out.put(e.getKey(), scheme);
        }
        return new UrlDefaults(Map.copyOf(out), keyPath);
    }

    /** The default backend type for a scheme, if set. */
    Optional<String> type(String scheme) {
        Config c = byScheme.get(scheme);
        return c != null && c.hasPath("type") ? Optional.of(c.getString("type")) : Optional.empty();
    }

    /** The default backend keys for a scheme, without {@code type}; origins kept for messages. */
    Config options(String scheme) {
        Config c = byScheme.get(scheme);
        return c == null ? ConfigFactory.empty() : c.withoutPath("type");
    }

    /** Where a scheme's defaults are, for messages; null when there are none. */
    String keyPath(String scheme) {
        return byScheme.containsKey(scheme) ? keyPath + "." + scheme : null;
    }

}
