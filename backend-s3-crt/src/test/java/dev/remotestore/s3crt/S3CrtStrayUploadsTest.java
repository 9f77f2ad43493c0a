package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3ProxyServer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code s3-crt} leaves no multipart upload behind when CreateMultipartUpload stalls: a proxy in
 * front of S3Proxy lets the first create reach the server, holds its answer, then drops the
 * connection, and the client retries. Streams create their upload on the standard client
 * (backend-s3's S3Uploads aborts the lost attempt's upload); byte writes leave the whole upload to
 * the CRT. Checked with ListMultipartUploads.
 */
class S3CrtStrayUploadsTest {
    static final int MIB = 1024 * 1024;

    CuttingProxy proxy;
    CrtTestStores.OpenStore open;
    Store store;
    S3Client s3;

    @BeforeEach
    void open(TestInfo info) {
        S3ProxyServer server = S3ProxyServer.shared();
        proxy = CuttingProxy.start(server.port());
        open = CrtTestStores.on(server).endpoint(proxy.endpoint())
                .rootPath(S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName()))
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
    void aStreamWhoseCreateStalledLeavesNoUploadBehind() throws Exception {
        byte[] data = bytes(11 * MIB);
        proxy.stallResponses(S3CrtStrayUploadsTest::createMultipart, 1, 1_500);
        try (StoreOutputStream out = store.openOutputStream("stream.bin", WriteOptions.overwrite())) {
            out.write(data);
            out.commit();
        }
        assertEquals(1, proxy.stalls());
        assertArrayEquals(data, store.readBytes("stream.bin"));
        assertEquals(List.of(), inProgress());
    }

    @Test
    void aByteWriteWhoseCreateStalledLeavesNoUploadBehind() {
        byte[] data = bytes(12 * MIB);
        proxy.stallResponses(S3CrtStrayUploadsTest::createMultipart, 1, 1_500);
        store.write("big.bin", data, WriteOptions.overwrite());
        assertEquals(1, proxy.stalls());
        assertArrayEquals(data, store.readBytes("big.bin"));
        assertEquals(List.of(), inProgress());
    }
}
