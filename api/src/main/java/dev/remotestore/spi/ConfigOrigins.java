package dev.remotestore.spi;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Renders where a configured value was set, for error messages: "file: line", or the
 * environment variable it came from.
 */
public final class ConfigOrigins {
    /** Typesafe's description of every value it took from the environment, whatever the variable. */
    static final String TYPESAFE_ENV_DESCRIPTION = "env variables";
    /** How values that {@code Registry} resolves from the environment are described: this, then the name. */
    public static final String ENV_VARIABLE = "env variable ";

    private ConfigOrigins() {
    }

    /** E.g. {@code application.conf: 12}, {@code /etc/app.conf: 3}, {@code String: 4}, {@code env variable RS_S3_ENDPOINT}. */
    public static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return null;
        }
        String where;
        if (origin.filename() != null) {
            where = origin.filename();
        } else if (origin.resource() != null) {
            where = origin.resource();
        } else if (origin.url() != null) {
            where = origin.url().toString();
        } else {
            // e.g. "String: 3" (already has the line), "env variable X" or "hardcoded value"
            return origin.description();
        }
        return origin.lineNumber() > 0 ? where + ": " + origin.lineNumber() : where;
    }

    /**
     * Where {@code value} was set. A value that Typesafe resolved from the environment itself
     * (a config the application resolved before handing it over) carries only "env variables";
     * the variable is then recovered by its value: {@code env variable RS_S3_ENDPOINT}, or the
     * candidates when several variables hold the same value. The value itself is never shown.
     */
    public static String describe(ConfigValue value) {
        if (value == null) {
            return null;
        }
        ConfigOrigin origin = value.origin();
        if (origin != null && TYPESAFE_ENV_DESCRIPTION.equals(origin.description())
                && value.valueType() != ConfigValueType.OBJECT && value.valueType() != ConfigValueType.LIST) {
            String text = String.valueOf(value.unwrapped());
            TreeSet<String> names = new TreeSet<>();
            for (Map.Entry<String, String> e : System.getenv().entrySet()) {
                if (Objects.equals(e.getValue(), text)) {
                    names.add(e.getKey());
                }
            }
            if (names.size() == 1) {
                return ENV_VARIABLE + names.first();
            }
            if (!names.isEmpty() && names.size() <= 5) {
                return "one of the env variables " + String.join(", ", names);
            }
        }
        return describe(origin);
    }
}
