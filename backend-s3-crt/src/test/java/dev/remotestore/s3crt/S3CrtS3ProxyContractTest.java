package dev.remotestore.s3crt;

import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import dev.remotestore.s3.S3ProxyServer;
import dev.remotestore.s3.S3StoreContractSuite;

/**
 * The whole Store contract against {@code type = s3-crt} on S3Proxy inside the JVM, with the
 * CRT's {@code Expect: 100-continue} dropped ({@code crt.drop-expect-continue}, which S3Proxy's
 * Jetty needs) and S3Proxy ignoring the CRT's unknown {@code x-amz-mp-object-size}. Multipart
 * starts at 5 MiB with 5 MiB parts, so the contract's multi-MiB payloads take the CRT's multipart
 * path.
 *
 * <p>As for {@code s3}: the compare-and-swap contention test does not run here, because
 * S3Proxy 4.1.0 evaluates {@code If-Match} and then writes in two steps; it runs against S3Mock
 * (S3CrtS3MockContractTest) where the precondition is checked atomically.
 */
class S3CrtS3ProxyContractTest extends S3StoreContractSuite {
    private CrtTestStores.OpenStore open;

    @Override
    protected Store newStore() {
        open = CrtTestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix("crt-contract"))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }")
                .open();
        return open.store();
    }

    @Override
    protected ClosingStore newStoreToClose() {
        CrtTestStores.OpenStore other = CrtTestStores.on(S3ProxyServer.shared()).rootPath(S3ProxyServer.uniquePrefix("closing")).open();
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
