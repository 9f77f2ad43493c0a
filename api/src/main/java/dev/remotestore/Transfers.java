package dev.remotestore;

import java.util.Objects;

/**
 * Copies between stores: one file, or a folder. Within one backend (the same configured backend
 * instance) a copy is server-side; across backends the bytes stream through this process with
 * bounded memory.
 */
public final class Transfers {
    private Transfers() {
    }

    /** Copies one file, create-only. */
    public static WriteResult copy(Store from, String source, Store to, String target) {
        return copy(from, source, to, target, CopyOptions.createOnly(), TransferListener.none());
    }

    /**
     * Copies one file from one store to another (or the same): server-side when both stores share
     * a backend, otherwise streamed. {@link AlreadyExistsException} if the target exists and the
     * options do not allow overwriting; a failed copy leaves no target behind.
     */
    public static WriteResult copy(Store from, String source, Store to, String target, CopyOptions options,
            TransferListener listener) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        return StoreCopier.copyFile(from, source, to, target, options, listener);
    }

    /**
     * Copies the files under {@code sourceFolder} to {@code targetFolder}, keeping their relative
     * paths, as the options say (recursion, glob, files in parallel, what to do with existing
     * targets). A file that fails does not stop the others: it is reported in the summary.
     */
    public static TransferSummary copyFolder(Store from, String sourceFolder, Store to, String targetFolder,
            FolderCopyOptions options, TransferListener listener) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        return StoreCopier.copyFolder(from, sourceFolder, to, targetFolder, options, listener);
    }
}
