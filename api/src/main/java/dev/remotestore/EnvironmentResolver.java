package dev.remotestore;

import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.remotestore.spi.ConfigOrigins;

/**
 * Resolves {@code ${VAR}} and {@code ${?VAR}} from the environment as Typesafe does, but gives each
 * value an origin that names its variable ({@code env variable RS_S3_ENDPOINT}) instead of
 * Typesafe's "env variables", so that an error about the value says where it came from.
 */
final class EnvironmentResolver implements ConfigResolver {
    private static final EnvironmentResolver INSTANCE = new EnvironmentResolver();

    private EnvironmentResolver() {
    }

    /** Typesafe's default resolve options with the environment served by this resolver. */
    static ConfigResolveOptions options() {
        return ConfigResolveOptions.defaults().setUseSystemEnvironment(false).appendResolver(INSTANCE);
    }

    @Override
    public ConfigValue lookup(String path) {
        String name = path.length() > 1 && path.startsWith("\"") && path.endsWith("\"") ? path.substring(1, path.length() - 1) : path;
        String value = System.getenv(name);
        return value == null ? null : ConfigValueFactory.fromAnyRef(value, ConfigOrigins.ENV_VARIABLE + name);
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver fallback) {
        return fallback == null ? this : new ConfigResolver() {
            @Override
            public ConfigValue lookup(String path) {
                ConfigValue v = EnvironmentResolver.this.lookup(path);
                return v != null ? v : fallback.lookup(path);
            }

            @Override
            public ConfigResolver withFallback(ConfigResolver next) {
                return EnvironmentResolver.this.withFallback(fallback.withFallback(next));
            }
        };
    }
}
