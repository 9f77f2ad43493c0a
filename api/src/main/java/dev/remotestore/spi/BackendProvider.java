package dev.remotestore.spi;

/**
 * Creates backends of one {@code type}. Found with {@link java.util.ServiceLoader}: a jar adds a
 * type by listing its provider in {@code META-INF/services/dev.remotestore.spi.BackendProvider}.
 *
 * <p>The registry validates a backend block against {@link #schema()} and {@link #validate}
 * when it is built, and calls {@link #create} lazily, once per backend name.
 */
public interface BackendProvider {

    /** The config {@code type} this provider serves, e.g. {@code local}. */
    String type();

    /** The keys a backend block of this type accepts (besides {@code type}). */
    ConfigSchema schema();

    /**
     * Checks what the schema cannot: value ranges, combinations. Throws
     * {@code InvalidConfigException} via {@link BackendSettings#invalid}. Must not do I/O.
     */
    default void validate(BackendSettings settings) {
    }

    /** Builds the backend. May do I/O (create a client, check a folder). */
    Backend create(BackendSettings settings);
}
