package dev.remotestore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Store;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole Store contract. A backend module subclasses this once, giving a fresh, empty store
 * per test; every test then runs against it. Capability-gated tests never skip: where the
 * backend lacks a capability they assert that the store refuses with
 * {@code UnsupportedCapabilityException} and writes nothing.
 *
 * <pre>{@code
 * class MemoryStoreContractTest extends StoreContractSuite {
 *     protected Store newStore() { return Store.of("mem", MemoryBackend.create()); }
 * }
 * }</pre>
 */
public abstract class StoreContractSuite implements
        ReadWriteContract,
        ConditionalWriteContract,
        StreamingWriteContract,
        RangeAndChannelContract,
        MetadataContract,
        ListingContract,
        DeleteContract,
        CopyMoveContract,
        PathContract,
        ConcurrencyContract,
        PathFuzzContract,
        CapabilityContract,
        ChildStoreContract,
        ErrorContextContract,
        UnwrapContract,
        TransferContract {

    private Store store;

    /** A fresh, empty store for one test: for object stores, a unique root path. */
    protected abstract Store newStore();

    /** Removes what a test left behind. The default deletes every file under the store. */
    protected void cleanUp(Store store) {
        store.deleteFolder("", true);
    }

    /** How many generated paths the path fuzz writes. Slow backends may lower it. */
    protected int fuzzIterations() {
        return ContractTuning.DEFAULTS.fuzzIterations();
    }

    /** How many files the large listing writes into one folder; keep it above a page size. */
    protected int largeListingSize() {
        return ContractTuning.DEFAULTS.largeListingSize();
    }

    /**
     * Whether every write gets a new ETag even for identical bytes; S3 suites return
     * {@code false} (the ETag is the content's MD5 there).
     */
    protected boolean etagChangesOnEveryWrite() {
        return ContractTuning.DEFAULTS.etagChangesOnEveryWrite();
    }

    /**
     * Whether the server under test evaluates {@code If-Match} atomically with the write. Return
     * {@code false} only for a test server with a known, documented defect, and run the suite
     * against a correct server too.
     */
    protected boolean serverCompareAndSwapIsAtomic() {
        return ContractTuning.DEFAULTS.serverCompareAndSwapIsAtomic();
    }

    /**
     * The size of the large upload, download and copy round trip of {@link TransferContract}
     * (default 300 MiB); 0 leaves that test out. A suite whose server keeps objects in the test
     * JVM's heap, or is slow, may lower it, and should say why.
     */
    protected long largeTransferBytes() {
        return ContractTuning.DEFAULTS.largeTransferBytes();
    }

    /**
     * A store on a new backend of its own, with what closes it as its owner would (the registry
     * that made it, or the backend); the lifecycle contract closes it. Return {@code null} only
     * where a fresh backend cannot be made, and that contract is then reported as not run.
     */
    protected ClosingStore newStoreToClose() {
        return null;
    }

    @BeforeEach
    final void openFreshStore() {
        store = newStore();
        assertEquals(Set.of(), allPaths(), "newStore() must return an empty store");
    }

    @AfterEach
    final void cleanUpStore() {
        if (store != null) {
            Store s = store;
            store = null;
            cleanUp(s);
        }
    }

    @Override
    public final Store store() {
        if (store == null) {
            throw new IllegalStateException("store() is only available while a test runs");
        }
        return store;
    }

    @Override
    public final ClosingStore storeToClose() {
        return newStoreToClose();
    }

    @Override
    public final ContractTuning tuning() {
        return new ContractTuning(fuzzIterations(), largeListingSize(), etagChangesOnEveryWrite(),
                serverCompareAndSwapIsAtomic(), largeTransferBytes());
    }
}
