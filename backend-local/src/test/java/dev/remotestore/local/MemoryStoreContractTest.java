package dev.remotestore.local;

import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import dev.remotestore.contract.StoreContractSuite;

/** The whole Store contract against {@code type = memory}: a new, empty backend per test. */
class MemoryStoreContractTest extends StoreContractSuite {

    @Override
    protected Store newStore() {
        return Store.of("mem", MemoryBackend.create());
    }

    @Override
    protected ClosingStore newStoreToClose() {
        MemoryBackend backend = MemoryBackend.create();
        return new ClosingStore(Store.of("mem-closing", backend), backend::close);
    }
}
