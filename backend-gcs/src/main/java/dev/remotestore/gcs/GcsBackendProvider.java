package dev.remotestore.gcs;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;
import java.util.function.Function;

/** Provides {@code type = gcs}; the keys are listed in {@link GcsConfig#schemaBuilder()} and the README. */
public final class GcsBackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = GcsConfig.schemaBuilder().build();

    private final Function<String, String> environment;

    /** The provider {@link java.util.ServiceLoader} finds: environment variables from the process. */
    public GcsBackendProvider() {
        this(System::getenv);
    }

    GcsBackendProvider(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String type() {
        return GcsBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        GcsConfig config = GcsConfig.validate(settings);
        if (config.endpoint().isEmpty()) {
            GcsEmulatorHost.from(environment); // a malformed STORAGE_EMULATOR_HOST fails here, up front
        }
    }

    @Override
    public Backend create(BackendSettings settings) {
        GcsConfig config = GcsConfig.from(settings);
        try {
            return GcsLibraries.REQUIRED.create(() -> GcsBackend.create(config, environment));
        } catch (InvalidConfigException e) {
            if (!e.key().startsWith("credentials.")) {
                throw e; // STORAGE_EMULATOR_HOST: not a key of this block
            }
            // unreadable credentials: name the key and the place where the config set it
            throw settings.invalid(e.key(), e.key().equals("credentials.file")
                    ? "is not a readable Google credentials file"
                    : "cannot be parsed as Google credentials");
        }
    }
}
