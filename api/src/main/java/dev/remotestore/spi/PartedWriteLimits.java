package dev.remotestore.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The bounds of one {@link PartedOutputStream}, from a backend's config.
 *
 * <p>Memory: once the upload has started, the stream holds at most
 * {@code memoryBudget / partSize} part buffers (allocated as the link needs them, reused part
 * after part). Before that it buffers up to the threshold (beside the budget when the threshold
 * is larger), and at commit of a write no larger than the threshold it makes one copy of it. Parts in flight: at most {@link #window()} = the smaller of
 * {@code maxPartsInFlight} and the buffers the budget holds less the one being filled. A fast
 * link returns buffers quickly and the stream never allocates the whole budget; a slow one with
 * a long round trip fills the window, and the budget is what stops it.
 *
 * @param threshold a write of at most this many bytes is one request ({@link PartSink#putWhole})
 * @param partSize the size of every part but the last
 * @param maxPartsInFlight a cap on parts sent at once, below what the budget allows
 * @param memoryBudget bytes of part buffers one stream may hold
 * @param maxParts the service's most parts in one object
 * @param partSizeKey the config key to name when an object needs more than {@code maxParts}
 */
public record PartedWriteLimits(long threshold, int partSize, int maxPartsInFlight, long memoryBudget, int maxParts,
        String partSizeKey) {

    public PartedWriteLimits {
        Objects.requireNonNull(partSizeKey, "partSizeKey is null");
        if (threshold < 0 || partSize < 1 || maxPartsInFlight < 1 || maxParts < 1) {
            throw new IllegalArgumentException("threshold, partSize, maxPartsInFlight and maxParts must be positive");
        }
        budgetProblem(memoryBudget, partSize).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** The most part buffers a stream allocates. */
    public int buffers() {
        return (int) Math.min(Integer.MAX_VALUE, memoryBudget / partSize);
    }

    /** The most parts uploading at once. */
    public int window() {
        return Math.max(1, Math.min(maxPartsInFlight, buffers() - 1));
    }

    /**
     * Why {@code memoryBudget} cannot serve streams with parts of {@code partSize}, if it cannot:
     * it must hold two parts, one filling while the other is in flight.
     */
    public static Optional<String> budgetProblem(long memoryBudget, long partSize) {
        if (partSize > 0 && memoryBudget / partSize < 2) {
            return Optional.of("must hold at least two parts of " + partSize + " bytes (" + 2 * partSize
                    + " bytes): one filling while one is sent");
        }
        return Optional.empty();
    }
}
