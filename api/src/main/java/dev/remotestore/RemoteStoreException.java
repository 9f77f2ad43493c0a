package dev.remotestore;

/**
 * The root of every error that leaves a {@link Store}. Unchecked.
 *
 * <p>Carries the store name, the backend type and the store-relative path the failure concerns
 * (each may be {@code null} when not known, for example while a backend is being built), and the
 * native exception as its cause. The message never contains a secret.
 *
 * <p>The message reads {@code <headline>: <store>/<path> (<backend>): <detail>}: each subclass
 * opens with its own fixed {@link #headline()}, so the same failure reads the same on every
 * backend, and the backend's native detail (error code, status, request id) follows.
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

    /**
     * The fixed sentence that opens the message of this kind of error, the same on every backend
     * ({@code "Not found"}, {@code "Already exists"}, ...), or {@code null} for a failure that is
     * of no particular kind (a plain {@code RemoteStoreException}).
     */
    public String headline() {
        return null;
    }

    /**
     * {@code <headline>: <store>/<path> (<backend>): <detail>}, for example
     * {@code Not found: data/reports/q1.csv (s3): GetObject failed: NoSuchKey (HTTP 404, request id ...)}.
     * The parts not known are left out; the detail, the backend's own words, is left out when it
     * only repeats the headline.
     */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        String headline = headline();
        if (headline != null) {
            sb.append(headline);
        }
        String subject = subject();
        if (subject != null) {
            sb.append(sb.length() == 0 ? "" : ": ").append(subject);
        }
        if (headline == null || !detail.equalsIgnoreCase(headline)) {
            sb.append(sb.length() == 0 ? "" : ": ").append(detail);
        }
        return sb.toString();
    }

    /** {@code store/path (backend)}, with what is known of it; {@code null} when nothing is. */
    private String subject() {
        String where = storeName == null ? path : path == null ? storeName : storeName + "/" + path;
        if (where == null) {
            return backendType == null ? null : "backend " + backendType;
        }
        return backendType == null ? where : where + " (" + backendType + ")";
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
