package dev.remotestore;

/**
 * The configuration is wrong: an unknown backend type or key, a wrong value type, a missing
 * required key, a store that names a missing backend. Raised when the {@link Registry} is built,
 * never at first use.
 *
 * <p>The message names the full key path (for example {@code remote-store.backends.lake.bucket})
 * and where it was set (file and line, from HOCON's origin). It never contains a configured value
 * of a secret key.
 */
public class InvalidConfigException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String origin;

    /**
     * @param key the full key path concerned
     * @param origin where the key (or its enclosing block) was set, e.g. {@code application.conf: 12}; may be null
     * @param detail what is wrong with it
     */
    public InvalidConfigException(String key, String origin, String detail) {
        this(key, origin, detail, null);
    }

    public InvalidConfigException(String key, String origin, String detail, Throwable cause) {
        super(key + ": " + detail + (origin == null ? "" : " (" + origin + ")"), null, cause);
        this.key = key;
        this.origin = origin;
    }

    /** The full key path, e.g. {@code remote-store.backends.lake.type}. */
    public String key() {
        return key;
    }

    /** Where the key was set (file or resource and line), or {@code null} when not known. */
    public String origin() {
        return origin;
    }
}
