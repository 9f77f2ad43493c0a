package dev.remotestore;

import com.typesafe.config.ConfigException;
import dev.remotestore.spi.ConfigOrigins;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Typesafe's parse and resolve errors into {@link InvalidConfigException}s with file and line. */
final class HoconFailures {
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??([^}]*)}");

    private HoconFailures() {
    }

    static InvalidConfigException wrap(ConfigException e) {
        String origin = e.origin() == null ? null : ConfigOrigins.describe(e.origin());
        String message = withoutOrigin(String.valueOf(e.getMessage()), e);
        if (e instanceof ConfigException.UnresolvedSubstitution) {
            Matcher m = SUBSTITUTION.matcher(message);
            String detail = m.find()
                    ? "cannot resolve substitution ${" + m.group(1) + "}: no key " + m.group(1)
                            + " in the config, no system property and no environment variable of that name"
                            + " (write ${?" + m.group(1) + "} if it may be absent)"
                    : "cannot resolve substitution: " + message;
            return new InvalidConfigException(RegistryConfig.ROOT, origin, detail);
        }
        if (e instanceof ConfigException.Parse || e instanceof ConfigException.IO) {
            return new InvalidConfigException(RegistryConfig.ROOT, origin, "HOCON does not parse: " + message);
        }
        return new InvalidConfigException(RegistryConfig.ROOT, origin, "cannot read the config: " + message);
    }

    // Typesafe prefixes its messages with the origin, which the exception shows separately.
    private static String withoutOrigin(String message, ConfigException e) {
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }
}
