package dev.remotestore.s3;

import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;

/**
 * The whole Store contract against {@code type = s3} on S3Proxy inside the JVM (no Docker).
 * Each test gets a fresh root path in the shared bucket. Multipart starts at 5 MiB with 5 MiB
 * parts, so the contract's multi-MiB payloads go through multipart upload.
 *
 * <p>One contract test does not run here: the compare-and-swap contention counter. S3Proxy 4.1.0
 * evaluates {@code If-Match} and then writes in two steps, so concurrent swaps both succeed
 * (S3ProxyConcurrencyProbeTest shows it with the raw SDK, without this library). Every other
 * compare-and-swap test runs here; the contention test runs on MinIO and real S3
 * (MinioStoreContractTest, EnvS3StoreContractTest) and on the local and memory backends.
 */
class S3ProxyStoreContractTest extends S3StoreContractSuite {
    private S3TestStores.OpenStore open;

    @Override
    protected Store newStore() {
        open = S3TestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix("contract"))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }")
                .open();
        return open.store();
    }

    @Override
    protected ClosingStore newStoreToClose() {
        S3TestStores.OpenStore other = S3TestStores.on(S3ProxyServer.shared()).rootPath(S3ProxyServer.uniquePrefix("closing")).open();
        return new ClosingStore(other.store(), other::close);
    }

    @Override
    protected boolean serverCompareAndSwapIsAtomic() {
        return false;
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            open.close();
        }
    }
}
