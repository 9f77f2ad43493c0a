package dev.remotestore;

/**
 * A non-recursive folder deletion found files under the folder.
 */
public class FolderNotEmptyException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Folder not empty";

    public FolderNotEmptyException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public FolderNotEmptyException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
