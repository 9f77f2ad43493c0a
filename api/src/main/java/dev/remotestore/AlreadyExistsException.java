package dev.remotestore;

/**
 * A create-only write, copy or move found the target already present. Raised from a real precondition on the server or filesystem, never from a check made beforehand.
 */
public class AlreadyExistsException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Already exists";

    public AlreadyExistsException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public AlreadyExistsException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
