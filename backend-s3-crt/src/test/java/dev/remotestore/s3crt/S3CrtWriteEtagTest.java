package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3ProxyServer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write's result carries the stored object's ETag even when the server's answer to PutObject or
 * CompleteMultipartUpload has none (some S3-compatible servers and proxies omit it): a proxy in
 * front of S3Proxy removes the ETag header and {@code <ETag>} elements from those answers (part
 * uploads keep theirs), for {@code s3} and {@code s3-crt}, single and multipart, bytes and streams.
 */
class S3CrtWriteEtagTest {

    @ParameterizedTest(name = "{0}, {1} bytes")
    @CsvSource({"s3-crt, 1048576", "s3-crt, 20971520", "s3, 1048576", "s3, 20971520"})
    void aWriteWhoseAnswerHasNoEtagReportsTheStoredOne(String type, int size) throws Exception {
        try (CuttingProxy proxy = CuttingProxy.start(S3ProxyServer.shared().port());
                CrtTestStores.OpenStore open = CrtTestStores.on(S3ProxyServer.shared()).type(type).endpoint(proxy.endpoint())
                        .rootPath(S3ProxyServer.uniquePrefix("etag-less"))
                        .extra("multipart { threshold = 8MiB, part-size = 5MiB }").open()) {
            Store store = open.store();
            byte[] data = random(size);
            proxy.stripEtags(line -> line.startsWith("PUT ") && !line.contains("partNumber=")
                    || line.startsWith("POST ") && line.contains("uploadId="));

            WriteResult bytes = store.write("bytes.bin", data, WriteOptions.overwrite());
            WriteResult stream;
            try (StoreOutputStream out = store.openOutputStream("stream.bin", WriteOptions.overwrite())) {
                out.write(data);
                stream = out.commit();
            }
            assertEquals(2, proxy.strippedEtags(), "both answers lost their ETag");
            proxy.stripEtags(null);

            assertNotNull(bytes.etag());
            assertEquals(store.getFileInfo("bytes.bin").etag(), bytes.etag());
            assertEquals(store.getFileInfo("stream.bin").etag(), stream.etag());
            assertArrayEquals(data, store.readBytes("bytes.bin"));
            assertArrayEquals(data, store.readBytes("stream.bin"));
            // the reported ETag is usable as a compare-and-swap token
            assertTrue(store.write("bytes.bin", data, WriteOptions.ifMatch(bytes.etag())).etag().length() > 0);
            store.deleteFolder("", true);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20, (16 << 20) + 1})
    void s3MockWritesReportTheStoredEtag(int size) {
        S3MockServer server = S3MockServer.shared();
        try (CrtTestStores.OpenStore open = CrtTestStores.on(server.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY).rootPath(S3ProxyServer.uniquePrefix("crt-etag")).open()) {
            Store store = open.store();
            byte[] data = random(size);
            WriteResult result = store.write("e.bin", data, WriteOptions.overwrite());
            assertEquals(store.getFileInfo("e.bin").etag(), result.etag());
            assertArrayEquals(data, store.readBytes("e.bin"));
            store.deleteFolder("", true);
        }
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
