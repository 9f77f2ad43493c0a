package dev.remotestore;

/**
 * The root of every error that leaves a {@link Store}. Unchecked.
 *
 * <p>Carries the store name, the backend type and the store-relative path the failure concerns
 * (each may be {@code null} when not known, for example while a backend is being built), and the
 * native exception as its cause. The message never contains a secret.
 *
 * <p>Backends create these with the full key as the path; the {@link Store} that catches one
 * attaches its own name and rewrites the path to the one its caller used, so a caller always
 * sees the path it passed.
 */
public class RemoteStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private volatile String storeName;
    private volatile String backendType;
    private volatile String path;

    /**
     * @param detail what went wrong, without the store, backend or path (they are appended)
     * @param path the path or key concerned, or {@code null}
     * @param cause the native exception, or {@code null}
     */
    public RemoteStoreException(String detail, String path, Throwable cause) {
        super(detail, cause);
        this.detail = detail == null ? "failure" : detail;
        this.path = path;
    }

    public RemoteStoreException(String detail, String path) {
        this(detail, path, null);
    }

    /** The store's name, or {@code null} when the error arose outside a store. */
    public String storeName() {
        return storeName;
    }

    /** The backend type ({@code local}, {@code s3}, ...), or {@code null} when not known. */
    public String backendType() {
        return backendType;
    }

    /** The path the failure concerns, relative to the store when a store raised it; may be {@code null}. */
    public String path() {
        return path;
    }

    /** The description of the failure alone, without store, backend and path. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(detail);
        String sep = " [";
        if (storeName != null) {
            sb.append(sep).append("store=").append(storeName);
            sep = ", ";
        }
        if (backendType != null) {
            sb.append(sep).append("backend=").append(backendType);
            sep = ", ";
        }
        if (path != null) {
            sb.append(sep).append("path=").append(path);
            sep = ", ";
        }
        if (!sep.equals(" [")) {
            sb.append(']');
        }
        return sb.toString();
    }

    /**
     * Attaches the context of the store that raises this exception. Only the first store to
     * handle the exception sets it; later calls change nothing.
     */
    RemoteStoreException attachContext(String storeName, String backendType, String storePath) {
        if (this.storeName == null) {
            this.storeName = storeName;
            this.backendType = backendType;
            if (storePath != null) {
                this.path = storePath;
            }
        }
        return this;
    }

    /** For backends and the registry: attach the backend type when no store is involved. */
    public RemoteStoreException withBackendType(String type) {
        if (this.backendType == null) {
            this.backendType = type;
        }
        return this;
    }
}
