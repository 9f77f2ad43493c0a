package dev.remotestore.spi;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where one {@link PartedOutputStream} sends its bytes: a backend's requests for one streaming
 * write (one key, one set of write options). The stream owns buffering, the in-flight window,
 * ordering and fail-and-abort; the sink owns the wire: the precondition, lost answers, ETags and
 * error mapping stay in the backend.
 *
 * <p>Calls come from the writing thread, in this order: either {@link #putWhole} alone, or
 * {@link #start} once, then {@link #uploadPart} for parts 1, 2, 3, ..., then {@link #complete}
 * or, once {@code start} has returned, {@link #abort}. A sink serves a single write; only the
 * futures of its parts complete on other threads.
 *
 * @param <P> what the backend needs to remember of a sent part (an S3 {@code CompletedPart}, an
 *     Azure block id)
 */
public interface PartSink<P> {

    /**
     * Writes the whole object in one request, under the write's precondition: a write no larger
     * than the stream's threshold. The first {@code length} bytes of {@code data} are the object;
     * the array is not copied and stays unchanged until this returns.
     */
    WriteResult putWhole(byte[] data, int length);

    /** Begins a multipart upload (S3 CreateMultipartUpload; nothing to do for Azure blocks). */
    void start();

    /**
     * Sends part {@code partNumber} (1-based) without blocking for long: the stream bounds how
     * many are in flight. The array is not copied and must stay unchanged until the returned
     * future completes; the stream reuses it afterwards. A failure completes the future
     * exceptionally, or is thrown.
     */
    CompletableFuture<P> uploadPart(int partNumber, byte[] data, int length);

    /**
     * Makes the object out of {@code parts} (in part-number order) under the write's
     * precondition; only now does it appear or change.
     */
    WriteResult complete(List<P> parts);

    /**
     * Gives up a started upload once every part has settled, so that nothing of it stays stored
     * where the service allows that. Failures are thrown; the stream attaches them as suppressed.
     */
    void abort();

    /** The project's error for a failed part (a native exception, a completion wrapper, or ours). */
    RemoteStoreException partFailed(int partNumber, Throwable failure);

    /** The project's error for any other failure of the write that is not one already. */
    RemoteStoreException failed(Throwable failure);
}
