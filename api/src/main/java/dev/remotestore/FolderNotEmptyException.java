package dev.remotestore;

/**
 * A non-recursive folder deletion found files under the folder.
 */
public class FolderNotEmptyException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    public FolderNotEmptyException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public FolderNotEmptyException(String detail, String path) {
        super(detail, path, null);
    }
}
