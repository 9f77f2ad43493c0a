package dev.remotestore.observability;

/**
 * One store's operations, as an {@link OperationListener} bound them. Thread-safe.
 */
@FunctionalInterface
public interface StoreListener {

    /**
     * Called on the caller's thread as an operation starts, before the backend is called (and
     * before the path is validated: a refused path ends the operation with an
     * {@code IllegalPathException} outcome).
     *
     * @param operation what the caller asked for
     * @param path the path as the caller gave it, relative to the store (for a copy or move the
     *     source); may be {@code null} for {@link Operation#PING}. It may contain any character
     *     the caller passed, control characters included: escape it before printing
     * @return the handle that hears the end of this one operation, or {@code null} to ignore it
     */
    OperationHandle onStart(Operation operation, String path);
}
