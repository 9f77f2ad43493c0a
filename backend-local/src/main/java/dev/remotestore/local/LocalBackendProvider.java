package dev.remotestore.local;

import dev.remotestore.NotFoundException;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Provides {@code type = local}. Keys: {@code root} (required: the root folder; a relative root
 * is resolved against the working directory when the backend is created), {@code create-root}
 * (default {@code true}: create the root if missing), {@code fsync} (default {@code false}: force
 * bytes to disk before the atomic rename), {@code stale-temp-age} (default {@code 1h}, positive:
 * how old a temp file left by a crashed write must be before the start-up and listing sweeps
 * remove it).
 */
public final class LocalBackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .required("root", ValueType.STRING, "the root folder")
            .optional("create-root", ValueType.BOOLEAN, "create the root folder if it is missing (default true)")
            .optional("fsync", ValueType.BOOLEAN, "force file contents to disk before the atomic rename (default false)")
            .optional("stale-temp-age", ValueType.DURATION,
                    "how old a crashed write's temp file must be before sweeps remove it (default 1h)")
            .build();

    @Override
    public String type() {
        return LocalBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        root(settings);
        staleTempAge(settings);
    }

    @Override
    public Backend create(BackendSettings settings) {
        try {
            return LocalBackend.builder(root(settings))
                    .createRoot(settings.bool("create-root", true))
                    .fsync(settings.bool("fsync", false))
                    .staleTempAge(staleTempAge(settings))
                    .build();
        } catch (NotFoundException e) {
            throw settings.invalid("root", e.detail());
        }
    }

    private static Duration staleTempAge(BackendSettings settings) {
        Duration age = settings.duration("stale-temp-age", LocalTemps.DEFAULT_STALE_AGE);
        if (age.isNegative() || age.isZero()) {
            throw settings.invalid("stale-temp-age", "must be a positive duration, e.g. 1h (was " + age + ")");
        }
        return age;
    }

    private static Path root(BackendSettings settings) {
        String root = settings.string("root");
        if (root.isBlank()) {
            throw settings.invalid("root", "the root folder must not be empty");
        }
        try {
            return Path.of(root);
        } catch (InvalidPathException e) {
            throw settings.invalid("root", "not a valid path on this system: " + e.getReason());
        }
    }
}
