package dev.remotestore;

/**
 * The credentials in use may not perform the operation.
 */
public class PermissionDeniedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Permission denied";

    public PermissionDeniedException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public PermissionDeniedException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
