package dev.remotestore.s3;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/** Provides {@code type = s3}; the keys are listed in {@link S3Config#schemaBuilder()} and the README. */
public final class S3BackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = S3Config.schemaBuilder().build();

    @Override
    public String type() {
        return S3Backend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        S3Config.validate(settings);
    }

    @Override
    public Backend create(BackendSettings settings) {
        S3Config config = S3Config.from(settings);
        return S3Libraries.REQUIRED.create(() -> S3Backend.create(config));
    }
}
