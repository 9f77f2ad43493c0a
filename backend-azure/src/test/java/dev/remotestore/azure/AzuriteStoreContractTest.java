package dev.remotestore.azure;

import com.azure.storage.blob.BlobContainerClient;
import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import dev.remotestore.contract.StoreContractSuite;

/**
 * The whole Store contract against {@code type = azure} on Azurite 3.37.0 (started by
 * {@link AzuriteServer}). Each test gets a fresh container. Blocks of 256 KiB, so the
 * contract's multi-MiB payloads are staged as several blocks and committed as a block list.
 * Azure gives every write a new ETag, even of identical bytes (checked on Azurite), so the
 * default {@code etagChangesOnEveryWrite() == true} holds. Nothing is skipped: the backend
 * declares every capability the contract gates (presign needs the account key, used here).
 */
class AzuriteStoreContractTest extends StoreContractSuite {
    private AzureBackend backend;
    private BlobContainerClient container;

    @Override
    protected Store newStore() {
        AzuriteServer azurite = AzuriteServer.shared();
        container = azurite.newContainer("contract");
        backend = AzureBackend.create(azurite.config(container.getBlobContainerName()).blockSize(256 * 1024).build());
        return Store.of("azurite", backend);
    }

    @Override
    protected ClosingStore newStoreToClose() {
        BlobContainerClient other = AzuriteServer.shared().newContainer("closing");
        AzureBackend closing = AzureBackend.create(AzuriteServer.shared().config(other.getBlobContainerName()).build());
        return new ClosingStore(Store.of("azurite-closing", closing), () -> {
            closing.close();
            if (other.exists()) {
                other.delete();
            }
        });
    }

    /** Each generated path costs several requests to one Node process: 10,000 take over two minutes. */
    @Override
    protected int fuzzIterations() {
        return 2_000;
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            backend.close();
            container.delete();
        }
    }
}
