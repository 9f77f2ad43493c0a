package dev.remotestore.observability;

/**
 * Sees every operation of the stores it is registered with: the one interception point through
 * which metrics, traces and operation logs observe a {@link dev.remotestore.Store} (ADR 0031).
 * Backends know nothing of it.
 *
 * <p>{@link #bind} is called once per store name and backend, when a registry first hands out
 * the store (or when {@link dev.remotestore.Store#observed} is called), so a listener resolves its
 * per-store state (meters, attributes) once, not per operation. The {@link StoreListener} it
 * returns is then called for each operation.
 *
 * <p>Implementations must be thread-safe: stores are shared between threads. A listener that
 * throws does not fail the operation; the failure is logged at WARN and the operation goes on.
 */
@FunctionalInterface
public interface OperationListener {

    /**
     * The listener for one store's operations, or {@code null} to ignore this store.
     *
     * @param storeName the store's name (not a secret; never a credential)
     * @param backendType the backend's config type, e.g. {@code s3}
     */
    StoreListener bind(String storeName, String backendType);
}
