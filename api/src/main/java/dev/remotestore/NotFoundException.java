package dev.remotestore;

/**
 * The file or folder does not exist (or, for {@code Registry.getStore}, no store has that name).
 */
public class NotFoundException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public NotFoundException(String detail, String path) {
        super(detail, path, null);
    }
}
