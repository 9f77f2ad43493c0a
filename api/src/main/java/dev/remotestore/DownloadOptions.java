package dev.remotestore;

/**
 * Whether {@link Store#download} may replace an existing local file. By default it may not: an
 * existing target raises {@link AlreadyExistsException} and is left as it was.
 */
public final class DownloadOptions {
    private static final DownloadOptions CREATE_ONLY = new DownloadOptions(false);
    private static final DownloadOptions OVERWRITE = new DownloadOptions(true);

    private final boolean overwrite;

    private DownloadOptions(boolean overwrite) {
        this.overwrite = overwrite;
    }

    /** Fail if the local file exists. The default. */
    public static DownloadOptions createOnly() {
        return CREATE_ONLY;
    }

    /** Replace the local file if it exists. */
    public static DownloadOptions overwrite() {
        return OVERWRITE;
    }

    public boolean isOverwrite() {
        return overwrite;
    }

    @Override
    public String toString() {
        return overwrite ? "DownloadOptions{overwrite}" : "DownloadOptions{createOnly}";
    }
}
