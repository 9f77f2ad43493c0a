package dev.remotestore;

/**
 * Whether {@link Store#copy} and {@link Store#move} may replace an existing target. By default
 * they may not: an existing target raises {@link AlreadyExistsException}.
 */
public final class CopyOptions {
    private static final CopyOptions CREATE_ONLY = new CopyOptions(false);
    private static final CopyOptions OVERWRITE = new CopyOptions(true);

    private final boolean overwrite;

    private CopyOptions(boolean overwrite) {
        this.overwrite = overwrite;
    }

    /** Fail if the target exists. The default. */
    public static CopyOptions createOnly() {
        return CREATE_ONLY;
    }

    /** Replace the target if it exists. */
    public static CopyOptions overwrite() {
        return OVERWRITE;
    }

    public boolean isOverwrite() {
        return overwrite;
    }

    @Override
    public String toString() {
        return overwrite ? "CopyOptions{overwrite}" : "CopyOptions{createOnly}";
    }
}
