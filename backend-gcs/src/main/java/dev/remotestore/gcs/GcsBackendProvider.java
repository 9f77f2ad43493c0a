package dev.remotestore.gcs;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/** Provides {@code type = gcs}; the keys are listed in {@link GcsConfig#schemaBuilder()} and the README. */
public final class GcsBackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = GcsConfig.schemaBuilder().build();

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
        GcsConfig.from(settings);
    }

    @Override
    public Backend create(BackendSettings settings) {
        GcsConfig config = GcsConfig.from(settings);
        try {
            return GcsLibraries.REQUIRED.create(() -> GcsBackend.create(config));
        } catch (InvalidConfigException e) {
            // unreadable credentials: name the key and the place where the config set it
            throw settings.invalid(e.key(), e.key().equals("credentials.file")
                    ? "is not a readable Google credentials file"
                    : "cannot be parsed as Google credentials");
        }
    }
}
