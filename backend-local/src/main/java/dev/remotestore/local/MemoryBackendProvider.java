package dev.remotestore.local;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/** Provides {@code type = memory}: no keys; each backend name gets its own empty map. */
public final class MemoryBackendProvider implements BackendProvider {
    @Override
    public String type() {
        return MemoryBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.empty();
    }

    @Override
    public Backend create(BackendSettings settings) {
        return MemoryBackend.create();
    }
}
