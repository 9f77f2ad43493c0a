package dev.remotestore;

/**
 * Told how an upload, download or copy advances. Called from any thread (never from two at once
 * for one transfer), at most about ten times a second, and exactly once more with
 * {@link TransferProgress#finished()} when the transfer ends, successfully or not (the method's
 * result or exception tells which), so a listener may render or log without throttling of its
 * own. Counts never go down, and bytes never pass a known total. A listener should return
 * quickly: transfer threads do not wait for a busy listener, but the final call does. What it
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
