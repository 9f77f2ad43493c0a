package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.spi.ConfigOrigins;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads and checks the {@code remote-store.observability} block: four booleans, no other keys. */
final class ObservabilityBlock {
    static final String PATH = RegistryConfig.ROOT + ".observability";
    private static final Set<String> KEYS = Set.of("metrics", "tracing", "log-operations", "record-paths");

    private ObservabilityBlock() {
    }

    static ObservabilitySettings parse(ConfigObject block) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(block).entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new InvalidConfigException(PATH + "." + e.getKey(), ConfigOrigins.describe(e.getValue().origin()),
                        "unknown key; accepted keys here are: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        Config config = block.toConfig();
        ObservabilitySettings d = ObservabilitySettings.defaults();
        return new ObservabilitySettings(
                flag(config, "metrics", d.metrics()),
                flag(config, "tracing", d.tracing()),
                flag(config, "log-operations", d.logOperations()),
                flag(config, "record-paths", d.recordPaths()));
    }

    private static boolean flag(Config config, String key, boolean absent) {
        if (!config.hasPath(key)) {
            return absent;
        }
        try {
            return config.getBoolean(key); // true/false, on/off, yes/no
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(PATH + "." + key, ConfigOrigins.describe(config.getValue(key).origin()),
                    "expected true or false (or on / off), found " + config.getValue(key).valueType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
