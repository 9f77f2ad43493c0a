package dev.remotestore;

/**
 * Told how an upload, download or copy advances. Called from any thread (never from two at once
 * for one transfer), at most about ten times a second, and once more when the transfer ends, so
 * a listener may render or log without throttling of its own. A listener must not block; what it
 * throws is ignored (logged once), never failing the transfer.
 */
@FunctionalInterface
public interface TransferListener {

    /** The transfer's state now; {@link TransferProgress#finished()} on the last call. */
    void onProgress(TransferProgress progress);

    /** A listener that ignores everything. */
    static TransferListener none() {
        return progress -> { };
    }
}
