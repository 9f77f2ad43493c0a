package dev.remotestore.s3crt;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/**
 * Provides {@code type = s3-crt}: the keys of {@code type = s3} plus a {@code crt} block, listed
 * in {@link S3CrtConfig#schemaBuilder()} and the README.
 */
public final class S3CrtBackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = S3CrtConfig.schemaBuilder().build();

    @Override
    public String type() {
        return S3CrtBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        S3CrtConfig.validate(settings);
    }

    @Override
    public Backend create(BackendSettings settings) {
        S3CrtConfig config = S3CrtConfig.from(settings);
        return S3CrtLibraries.REQUIRED.create(() -> S3CrtBackend.create(config));
    }
}
