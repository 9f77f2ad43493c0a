package dev.remotestore.observability;

import java.util.Objects;

/**
 * How an operation ended.
 *
 * @param outcome {@value #SUCCESS}; {@value #ABORTED} for a streaming write closed without a commit
 *     and without a failure; otherwise the simple name of the error type, e.g.
 *     {@code NotFoundException} (never a message, so never a secret or a path)
 * @param bytes file content that passed through the store: read from a stream or channel, or
 *     written; 0 for operations that move no content
 * @param durationNanos from the start of the call to its return or, for streams, channels and
 *     listings, to their close
 * @param failure what the caller saw thrown, or {@code null}; its message names the path
 */
public record OperationResult(String outcome, long bytes, long durationNanos, Throwable failure) {
    /** The outcome of an operation that returned normally. */
    public static final String SUCCESS = "success";
    /** The outcome of a streaming write closed without a commit, nothing having failed. */
    public static final String ABORTED = "aborted";

    public OperationResult {
        Objects.requireNonNull(outcome, "outcome is null");
    }

    /** Whether the operation returned normally (a stream was closed without a failure). */
    public boolean succeeded() {
        return SUCCESS.equals(outcome);
    }
}
