package com.example.rsmap;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/** Provides {@code type = example-map}; listed in META-INF/services so the Registry finds it. */
public final class ExampleMapBackendProvider implements BackendProvider {
    @Override
    public String type() {
        return ExampleMapBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.empty();
    }

    @Override
    public Backend create(BackendSettings settings) {
        return new ExampleMapBackend();
    }
}
