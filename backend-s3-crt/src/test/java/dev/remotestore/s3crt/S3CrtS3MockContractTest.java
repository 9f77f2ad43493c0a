package dev.remotestore.s3crt;

import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import dev.remotestore.s3.S3ProxyServer;
import dev.remotestore.s3.S3StoreContractSuite;

/**
 * The whole Store contract against {@code type = s3-crt} on Adobe S3Mock 5.2.0, a second,
 * independent S3 implementation, in its own process. It takes the CRT's multipart requests as
 * they are, so the {@code Expect} switch stays off (its default). Multipart starts at 5 MiB with
 * 5 MiB parts.
 *
 * <p>S3Mock 5.2.0 differs from S3 in places that this backend cannot change; those tests are
 * disabled here with the reason and run against S3Proxy (S3CrtS3ProxyContractTest): its
 * {@code If-Match} and {@code If-None-Match: *} are check-then-write (the contention counter lost
 * increments, 389 of 400; two racing create-only writers both won), an overwrite is visible
 * half-written to a concurrent plain GET, it ignores {@code If-None-Match: *} on CompleteMultipartUpload (so the create-only multipart copy
 * that backend-s3's copier uses overwrites), and it rewrites a content type's parameters
 * ({@code text/csv; charset=utf-8} comes back as {@code text/csv;charset=utf-8}).
 */
class S3CrtS3MockContractTest extends S3StoreContractSuite {

    /** The 300 MiB transfer round trip runs on S3Proxy (S3CrtS3ProxyContractTest); S3Mock holds no more behaviour for it. */
    @Override
    protected long largeTransferBytes() {
        return 0;
    }
    private CrtTestStores.OpenStore open;

    @Override
    protected Store newStore() {
        S3MockServer server = S3MockServer.shared();
        open = CrtTestStores.on(server.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)
                .rootPath(S3ProxyServer.uniquePrefix("crt-s3mock"))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }")
                .open();
        return open.store();
    }

    @Override
    protected ClosingStore newStoreToClose() {
        S3MockServer server = S3MockServer.shared();
        CrtTestStores.OpenStore other = CrtTestStores.on(server.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY).rootPath(S3ProxyServer.uniquePrefix("crt-s3mock-closing")).open();
        return new ClosingStore(other.store(), other::close);
    }

    @Override
    protected boolean serverCompareAndSwapIsAtomic() {
        return false;
    }

    @Test
    @Disabled("S3Mock 5.2.0 ignores If-None-Match on CompleteMultipartUpload; runs on S3Proxy")
    @Override
    public void copyOntoAnExistingTargetIsRefusedByDefault() {
    }

    @Test
    @Disabled("S3Mock 5.2.0 ignores If-None-Match on CompleteMultipartUpload; runs on S3Proxy")
    @Override
    public void moveOntoAnExistingTargetIsRefusedByDefaultAndKeepsBoth() {
    }

    @Test
    @Disabled("S3Mock 5.2.0 mishandles If-None-Match on CompleteMultipartUpload (it answered 412 and the target"
            + " was gone); the server-side create-only copy of Transfers.copy runs on S3Proxy")
    @Override
    public void copyIsCreateOnlyByDefaultServerSideAndStreamed() {
    }

    @Test
    @Disabled("S3Mock 5.2.0 checks If-None-Match: * then writes: two racing create-only writers both won; runs on S3Proxy")
    @Override
    public void exactlyOneOfManyRacingCreateOnlyWritesWins() {
    }

    @Test
    @Disabled("S3Mock 5.2.0 overwrites a file in place: one plain GET returned a torn 256 KiB body; runs on S3Proxy")
    @Override
    public void readersSeeTheWholeOldOrTheWholeNewFileDuringOverwrites() {
    }

    @Test
    @Disabled("S3Mock 5.2.0 drops the space in 'text/csv; charset=utf-8'; runs on S3Proxy")
    @Override
    public void contentTypeRoundTripsWhenSupported() {
    }

    /** S3Mock stores every object as files of its own process: a full path fuzz would take minutes. */
    @Override
    protected int fuzzIterations() {
        return 2_000;
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            open.close();
        }
    }

    @Disabled("S3Mock 5.2.0 ignores If-None-Match on CompleteMultipartUpload (the 6 MiB streamed create-only write"
            + " onto an existing file went through); 1 B, 4 MiB and 6 MiB run on S3Proxy")
    @Override
    public void createOnlyIsRefusedWhenTheFileAlreadyHoldsTheSameBytes() {
    }

    @Disabled("S3Mock 5.2.0 removes the target when it refuses an If-Match CompleteMultipartUpload (the 6 MiB"
            + " streamed write left no file); runs on S3Proxy")
    @Override
    public void ifMatchWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes() {
    }

    @Disabled("S3Mock 5.2.0 ignores If-None-Match on CompleteMultipartUpload (the 6 MiB create-only upload onto an"
            + " existing file went through); runs on S3Proxy")
    @Override
    public void uploadWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes(java.nio.file.Path dir) {
    }
}
