package dev.remotestore.contract;

import dev.remotestore.Store;
import java.util.Objects;

/**
 * A store on a backend of its own, and what closes that backend the way its owner would: the
 * registry's {@code close()}, or the backend's for a store built with {@code Store.of}.
 */
public record ClosingStore(Store store, Runnable close) {
    public ClosingStore {
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(close, "close is null");
    }
}
