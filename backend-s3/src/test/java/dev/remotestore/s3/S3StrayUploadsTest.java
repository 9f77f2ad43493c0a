package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * No multipart upload is left behind when CreateMultipartUpload stalls: a proxy in front of
 * S3Proxy lets the first CreateMultipartUpload reach the server, holds its answer past the
 * attempt timeout, then drops the connection; the SDK retries, and the first attempt's upload
 * (whose id never reached the writer) must be aborted. Checked with ListMultipartUploads. And the
 * maintenance call that aborts old uploads under a store's root.
 */
class S3StrayUploadsTest {
    static final int MIB = 1024 * 1024;

    CuttingProxy proxy;
    S3TestStores.OpenStore open;
    Store store;
    S3Client s3;

    @BeforeEach
    void open(TestInfo info) {
        S3ProxyServer server = S3ProxyServer.shared();
        proxy = CuttingProxy.start(server.port());
        open = S3TestStores.on(server).endpoint(proxy.endpoint())
                .rootPath(S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName()))
                .extra("timeouts { api-call-attempt = 1s }")
                .extra("retry { max-attempts = 3 }")
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }").open();
        store = open.store();
        s3 = server.newClient();
    }

    @AfterEach
    void close() {
        proxy.disarm();
        try {
            for (MultipartUpload u : inProgress()) {
                s3.abortMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(u.key()).uploadId(u.uploadId()));
            }
            store.deleteFolder("", true);
        } finally {
            open.close();
            proxy.close();
            s3.close();
        }
    }

    List<MultipartUpload> inProgress() {
        return s3.listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(store.rootPath() + "/")).uploads();
    }

    static boolean createMultipart(String requestLine) {
        return requestLine.startsWith("POST ") && requestLine.contains("?uploads");
    }

    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aByteWriteWhoseCreateStalledLeavesNoUploadBehind() {
        byte[] data = bytes(12 * MIB);
        proxy.stallResponses(S3StrayUploadsTest::createMultipart, 1, 3_000);
        store.write("big.bin", data, WriteOptions.overwrite());
        assertEquals(1, proxy.stalls());
        assertArrayEquals(data, store.readBytes("big.bin"));
        assertEquals(List.of(), inProgress());
    }

    @Test
    void aStreamWhoseCreateStalledLeavesNoUploadBehind() throws Exception {
        byte[] data = bytes(11 * MIB);
        proxy.stallResponses(S3StrayUploadsTest::createMultipart, 1, 3_000);
        try (StoreOutputStream out = store.openOutputStream("stream.bin", WriteOptions.createOnly())) {
            out.write(data);
            out.commit();
        }
        assertEquals(1, proxy.stalls());
        assertArrayEquals(data, store.readBytes("stream.bin"));
        assertEquals(List.of(), inProgress());
    }

    @Test
    void aWriteWhoseCreatesAllStalledFailsAndLeavesNoUploadBehind() {
        proxy.stallResponses(S3StrayUploadsTest::createMultipart, 3, 1_500);
        assertThrowsUnavailable(() -> store.write("never.bin", bytes(12 * MIB), WriteOptions.overwrite()));
        assertEquals(3, proxy.stalls());
        assertEquals(List.of(), inProgress());
    }

    @Test
    void anotherWritersUploadWithPartsIsKept() {
        String key = store.rootPath() + "/shared.bin";
        String other = s3.createMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(S3ProxyServer.BUCKET).key(key).uploadId(other).partNumber(1),
                RequestBody.fromBytes(bytes(5 * MIB)));
        proxy.stallResponses(S3StrayUploadsTest::createMultipart, 1, 3_000);
        store.write("shared.bin", bytes(12 * MIB), WriteOptions.overwrite());
        assertEquals(List.of(other), inProgress().stream().map(MultipartUpload::uploadId).toList());
    }

    @Test
    void abortOlderThanAbortsOnlyOldUploadsUnderTheStoresRoot() throws Exception {
        String inside = store.rootPath() + "/a/left.bin";
        String outside = store.rootPath() + "-sibling/left.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(inside)).uploadId();
        String outsideId = s3.createMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(outside)).uploadId();
        try {
            assertEquals(0, S3IncompleteUploads.abortOlderThan(store, Duration.ofHours(1)), "a fresh upload is kept");
            assertEquals(List.of(id), inProgress().stream().map(MultipartUpload::uploadId).toList());
            Thread.sleep(1_100);
            assertEquals(1, S3IncompleteUploads.abortOlderThan(store, Duration.ofSeconds(1)));
            assertEquals(List.of(), inProgress());
            assertEquals(1, s3.listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(outside)).uploads().size(),
                    "an upload outside the store's root is not touched");
        } finally {
            s3.abortMultipartUpload(b -> b.bucket(S3ProxyServer.BUCKET).key(outside).uploadId(outsideId));
        }
    }

    static void assertThrowsUnavailable(Executable e) {
        assertThrows(BackendUnavailableException.class, e);
    }
}
