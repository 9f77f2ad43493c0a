package dev.remotestore;

import java.util.Objects;

/**
 * Copies between stores: one file, or a folder. When both stores work on the same backend
 * instance (two stores of one registry that name the same backend, whatever their roots), a copy
 * is server-side and no byte passes through this process; otherwise the bytes stream through
 * with bounded memory (a few buffers per file in flight), and the content type and user metadata
 * go along where the target can store them. Every file is written all or nothing.
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
     * options do not allow overwriting; a failed copy leaves no target behind and an existing
     * target as it was. A source whose length changes while it is streamed fails the copy.
     * Errors carry the store and path they concern: the source's or the target's.
     *
     * <p>{@code listener} sees the bytes copied (a server-side copy reports them all at its end),
     * then {@code finished = true} once, whether the copy succeeded or not.
     *
     * @return the target's path (relative to {@code to}) and ETag
     */
    public static WriteResult copy(Store from, String source, Store to, String target, CopyOptions options,
            TransferListener listener) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        return StoreCopier.copyFile(from, source, to, target, options, listener);
    }

    /** Copies a folder with the options and no listener; see {@link #copyFolder(Store, String, Store, String, FolderCopyOptions, TransferListener)}. */
    public static TransferSummary copyFolder(Store from, String sourceFolder, Store to, String targetFolder,
            FolderCopyOptions options) {
        return copyFolder(from, sourceFolder, to, targetFolder, options, TransferListener.none());
    }

    /**
     * Copies the files under {@code sourceFolder} to {@code targetFolder}, keeping their relative
     * paths, as the options say: recursive or not, a glob on file names, how many files at once,
     * and what to do with a target that exists ({@link FolderCopyOptions.Existing}: refuse, skip
     * when it holds the same bytes, or replace). A file that fails does not stop the others: it is
     * reported in the summary with its error. Each file is written all or nothing.
     *
     * <p>The source is listed first, so the listener knows the files and bytes in all from its
     * first call; bytes of skipped and failed files count as done when they end, so the count
     * ends at the total. Memory grows with the number of files listed (one entry each), not with
     * their sizes.
     *
     * @throws TransferInterruptedException if the calling thread is interrupted: files in flight
     *     commit whole or abort, none is started after, and the exception carries what was done
     */
    public static TransferSummary copyFolder(Store from, String sourceFolder, Store to, String targetFolder,
            FolderCopyOptions options, TransferListener listener) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        return FolderCopier.copy(from, sourceFolder, to, targetFolder, options, listener);
    }
}
