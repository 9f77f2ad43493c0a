package dev.remotestore;

/**
 * A transient failure persisted after the backend's retries: throttling, a 5xx answer, a broken connection.
 */
public class BackendUnavailableException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Backend unavailable";

    public BackendUnavailableException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public BackendUnavailableException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
