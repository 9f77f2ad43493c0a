package dev.remotestore.spi;

import com.typesafe.config.ConfigOrigin;

/** Renders a HOCON origin as "file: line" for error messages. */
public final class ConfigOrigins {
    private ConfigOrigins() {
    }

    /** E.g. {@code application.conf: 12}, {@code /etc/app.conf: 3}, {@code String: 4}. */
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
            // e.g. "String: 3" (already has the line) or "hardcoded value"
            return origin.description();
        }
        return origin.lineNumber() > 0 ? where + ": " + origin.lineNumber() : where;
    }
}
