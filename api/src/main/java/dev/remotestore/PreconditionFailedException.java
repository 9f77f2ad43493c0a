package dev.remotestore;

/**
 * A compare-and-swap write ({@code WriteOptions.ifMatch}) found a different version than the one expected, or the object is missing.
 */
public class PreconditionFailedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Precondition failed";

    public PreconditionFailedException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public PreconditionFailedException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
