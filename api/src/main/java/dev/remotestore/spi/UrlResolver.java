package dev.remotestore.spi;

import dev.remotestore.StoreUrl;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a parsed {@link StoreUrl} of one canonical scheme into the config block of a backend,
 * reading the cloud's environment conventions. Found with {@link java.util.ServiceLoader}: a
 * backend jar lists its resolver in {@code META-INF/services/dev.remotestore.spi.UrlResolver}.
 *
 * <p>The block a resolver returns is validated against the chosen type's {@link ConfigSchema}
 * exactly like a HOCON block, and the backend is created by that type's {@link BackendProvider}.
 * Credentials should be left to the SDK's own default chains wherever the SDK has one; a
 * resolver only copies into the block what the SDK would not read by itself.
 */
public interface UrlResolver {

    /** The canonical scheme served, e.g. {@code s3} (see {@link StoreUrl#scheme()}). */
    String scheme();

    /** The backend types that can serve the scheme; the first is the default. */
    java.util.List<String> types();

    /** The query parameters this scheme accepts besides {@code type}; any other is refused. */
    Set<String> parameters();

    /**
     * The backend block for the URL's bucket (never its key).
     *
     * @param url the parsed URL; its parameters are all in {@link #parameters()}
     * @param type the chosen type, one of {@link #types()}
     * @param environment the process environment, or a test's stand-in; returns null for unset variables
     * @return the block and a label that names the backend in messages (no secret in the label)
     * @throws dev.remotestore.InvalidConfigException if the URL or the environment cannot make a valid block;
     *         for missing credentials, the message names the variables that were looked for
     */
    Resolved resolve(StoreUrl url, String type, Function<String, String> environment);

    /**
     * A resolved backend: {@code options} is a config block as {@link dev.remotestore.BackendConfig#of} takes it;
     * {@code label} names the storage it reaches ({@code s3://bucket}), never a secret. Two URLs with equal
     * type, label and options share one backend.
     */
    record Resolved(String label, Map<String, Object> options) {
        public Resolved {
            java.util.Objects.requireNonNull(label, "label is null");
            options = Map.copyOf(options);
        }
    }
}
