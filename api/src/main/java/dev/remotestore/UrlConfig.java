package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.remotestore.spi.ConfigOrigins;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The URL parts of a {@code remote-store} block, taken out before the rest is read as a
 * {@link RegistryConfig}: {@code url-defaults { s3 { type = s3-crt, ... } }} and stores declared
 * by {@code url} instead of {@code backend} ({@code stores.data.url = "s3://bucket/exports"}).
 * A URL store's block has {@code url} only: the URL names the folder. Immutable.
 */
final class UrlConfig {
    static final String DEFAULTS_KEY = "url-defaults";

    /** A store declared by URL; {@code origin} is where its {@code url} was set. */
    record UrlStore(String name, String url, String key, String origin) {
    }

    private final Config remainder;
    private final UrlDefaults defaults;
    private final Map<String, UrlStore> stores;

    private UrlConfig(Config remainder, UrlDefaults defaults, Map<String, UrlStore> stores) {
        this.remainder = remainder;
        this.defaults = defaults;
        this.stores = stores;
    }

    /** An empty URL part: for registries built in code. */
    static UrlConfig none(Config remainder) {
        return new UrlConfig(remainder, UrlDefaults.none(), Map.of());
    }

    /**
     * Splits {@code config}; the remainder is {@code config} without the URL parts.
     *
     * @throws InvalidConfigException naming the key and where it was set
     */
    static UrlConfig extract(Config config) {
        Config resolved;
        try {
            resolved = config.resolve(EnvironmentResolver.options()); // values from variables keep naming them
        } catch (ConfigException e) {
            return none(config); // RegistryConfig reports unresolvable substitutions
        }
        String root = RegistryConfig.ROOT;
        if (!resolved.hasPath(root) || resolved.getValue(root).valueType() != ConfigValueType.OBJECT) {
            return none(resolved);
        }
        Config remainder = resolved;
        UrlDefaults defaults = UrlDefaults.none();
        String defaultsPath = root + "." + DEFAULTS_KEY;
        if (resolved.hasPath(defaultsPath)) {
            ConfigValue v = resolved.getValue(defaultsPath);
            if (v.valueType() != ConfigValueType.OBJECT) {
                throw new InvalidConfigException(defaultsPath, ConfigOrigins.describe(v.origin()), "expected a block { s3 { ... }, ... }");
            }
            defaults = UrlDefaults.fromConfig((ConfigObject) v, defaultsPath);
            remainder = remainder.withoutPath(defaultsPath);
        }
        Map<String, UrlStore> stores = new LinkedHashMap<>();
        String storesPath = root + ".stores";
        if (resolved.hasPath(storesPath) && resolved.getValue(storesPath).valueType() == ConfigValueType.OBJECT) {
            ConfigObject all = resolved.getObject(storesPath);
            for (Map.Entry<String, ConfigValue> e : new TreeMap<>(all).entrySet()) {
                if (!(e.getValue() instanceof ConfigObject block) || !block.containsKey("url")) {
                    continue;
                }
                String path = storesPath + "." + e.getKey();
                for (String other : block.keySet()) {
                    if (!other.equals("url")) {
                        throw new InvalidConfigException(path + "." + other, ConfigOrigins.describe(block.get(other).origin()),
                                "a store declared by url takes no other key: the URL names the backend and the folder");
                    }
                }
                ConfigValue url = block.get("url");
                if (url.valueType() != ConfigValueType.STRING) {
                    throw new InvalidConfigException(path + ".url", ConfigOrigins.describe(url.origin()), "expected a URL string");
                }
                stores.put(e.getKey(), new UrlStore(e.getKey(), (String) url.unwrapped(), path + ".url",
                        ConfigOrigins.describe(url.origin())));
                remainder = remainder.withoutPath(storesPath + "." + quote(e.getKey()));
            }
        }
        return new UrlConfig(remainder, defaults, Map.copyOf(stores));
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    /** The block without the URL parts, for {@link RegistryConfig#fromConfig}. */
    Config remainder() {
        return remainder;
    }

    UrlDefaults defaults() {
        return defaults;
    }

    Map<String, UrlStore> stores() {
        return stores;
    }
}
