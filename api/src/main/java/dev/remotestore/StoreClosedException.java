package dev.remotestore;

/**
 * The registry that created the store, or the backend under it, has been closed.
 */
public class StoreClosedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Store closed";

    public StoreClosedException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public StoreClosedException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
