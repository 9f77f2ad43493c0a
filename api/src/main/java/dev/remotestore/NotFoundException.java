package dev.remotestore;

/**
 * The file or folder does not exist (or, for {@code Registry.getStore}, no store has that name).
 */
public class NotFoundException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Not found";

    public NotFoundException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public NotFoundException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
