package dev.remotestore;

/**
 * The path is not acceptable: absolute, with a {@code ..} segment, a NUL or control character, empty where a file is needed, or otherwise unusable on the backend. Raised before any I/O.
 */
public class IllegalPathException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Illegal path";

    public IllegalPathException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public IllegalPathException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
