package dev.remotestore.testing;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Provides {@code type = test-recording}: {@link RecordingBackend}s, and remembers every backend
 * it created so tests can count creations and closes. Tests tell their backends apart by
 * {@code name-tag}, which they make unique.
 *
 * <p>{@code name-tag} values that start with {@value #FAIL_ON_CLOSE} make a backend whose
 * {@code close()} throws; those that start with {@value #SLOW} make {@code create} take a while,
 * to widen race windows; those that start with {@value #FAIL_ON_CREATE} make {@code create} throw.
 */
public final class RecordingBackendProvider implements BackendProvider {
    public static final String TYPE = "test-recording";
    public static final String FAIL_ON_CLOSE = "fail-close";
    public static final String SLOW = "slow";
    public static final String FAIL_ON_CREATE = "fail-create";
    /** The smallest {@code part-size} {@link #validate} accepts. */
    public static final long MIN_PART_SIZE = 1024;

    private static final List<RecordingBackend> CREATED = new CopyOnWriteArrayList<>();

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .required("name-tag", ValueType.STRING, "a label the tests use to find their backend")
            .optional("secret-key", ValueType.SECRET, "a credential")
            .block("retry", ConfigSchema.builder()
                    .optional("max-attempts", ValueType.INT, "attempts per call")
                    .optional("timeout", ValueType.DURATION, "per attempt")
                    .build(), "retry policy")
            .optional("part-size", ValueType.BYTES, "multipart part size")
            .optional("block-size", ValueType.BINARY_BYTES, "a size meant in binary units")
            .optional("blob", ValueType.SECRET, "a secret whose name does not look like one (as GCS's credentials.json)")
            .optional("flag", ValueType.BOOLEAN, "a switch")
            .optional("password", ValueType.STRING, "a credential-named key not declared SECRET")
            .optional("token", ValueType.STRING, "a credential-named key not declared SECRET")
            .optional("connection-string", ValueType.STRING, "a credential-named key not declared SECRET")
            .optional("sas-token", ValueType.STRING, "a credential-named key not declared SECRET")
            .optional("account-key", ValueType.STRING, "a credential-named key not declared SECRET")
            .build();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        if (settings.bytes("part-size", MIN_PART_SIZE) < MIN_PART_SIZE) {
            throw settings.invalid("part-size", "must be at least " + MIN_PART_SIZE + " bytes");
        }
    }

    @Override
    public Backend create(BackendSettings settings) {
        String tag = settings.string("name-tag");
        if (tag.startsWith(FAIL_ON_CREATE)) {
            throw new IllegalStateException("cannot reach the test service");
        }
        if (tag.startsWith(SLOW)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RecordingBackend backend = RecordingBackend.fromSettings(settings, tag.startsWith(FAIL_ON_CLOSE));
        CREATED.add(backend);
        return backend;
    }

    /** The backends created so far whose {@code name-tag} is {@code tag}, in creation order. */
    public static List<RecordingBackend> created(String tag) {
        return CREATED.stream().filter(b -> b.settings().string("name-tag").equals(tag)).toList();
    }
}
