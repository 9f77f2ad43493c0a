package dev.remotestore;

/**
 * A folder copy stopped because its thread was interrupted. The files that were in flight were
 * each committed whole or not at all; {@link #partial()} tells what was done, and a re-run with
 * {@link FolderCopyOptions.Existing#SKIP_SAME} copies the rest. The thread's interrupt status is
 * set again when this is thrown.
 */
public class TransferInterruptedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    private final transient TransferSummary partial;

    public TransferInterruptedException(String detail, String path, Throwable cause, TransferSummary partial) {
        super(detail + " (" + partial.filesCopied() + " copied, " + partial.filesSkipped() + " skipped, "
                + partial.failures().size() + " failed)", path, cause);
        this.partial = partial;
    }

    @Override
    public String headline() {
        return "Interrupted";
    }

    /** What the copy had done when it stopped. */
    public TransferSummary partial() {
        return partial;
    }
}
