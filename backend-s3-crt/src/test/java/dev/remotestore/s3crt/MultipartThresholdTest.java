package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code multipart.threshold} means what the README says, for {@code s3} and {@code s3-crt}, for
 * byte writes and streams alike: an object of at most the threshold is one PutObject, a larger
 * one a multipart upload. Counted on the wire by a proxy in front of S3Proxy (CreateMultipartUpload
 * is {@code POST ?uploads}; a single PutObject is a {@code PUT} without {@code partNumber}), and
 * on S3Mock.
 */
class MultipartThresholdTest {
    static CountingProxy proxy;
    static CountingProxy s3MockProxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = new CountingProxy(S3ProxyServer.shared().endpoint());
        s3MockProxy = new CountingProxy(S3MockServer.shared().endpoint());
    }

    @AfterAll
    static void stop() {
        for (CountingProxy p : new CountingProxy[] {proxy, s3MockProxy}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** The same on S3Mock 5.2.0, a second S3 implementation. */
    @ParameterizedTest(name = "S3Mock, {0}")
    @CsvSource({"s3", "s3-crt"})
    void theThresholdHoldsOnS3MockToo(String type) throws Exception {
        CrtTestStores stores = CrtTestStores.on(s3MockProxy.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY).type(type);
        check(stores, s3MockProxy, type, "6MiB", "5MiB", 6 << 20);
    }

    @ParameterizedTest(name = "{0}, threshold {1}, part {2}")
    @CsvSource({
            "s3,     16MiB, 8MiB, 16777216",
            "s3-crt, 16MiB, 8MiB, 16777216",
            "s3,     6MiB,  5MiB, 6291456",
            "s3-crt, 6MiB,  5MiB, 6291456",
            "s3,     1MiB,  5MiB, 1048576",
            "s3-crt, 1MiB,  5MiB, 1048576"})
    void objectsUpToTheThresholdAreOnePutAndLargerOnesMultipart(String type, String threshold, String partSize,
            int thresholdBytes) throws Exception {
        check(CrtTestStores.on(S3ProxyServer.shared()).type(type).endpoint(proxy.endpoint()), proxy, type, threshold, partSize,
                thresholdBytes);
    }

    private static void check(CrtTestStores stores, CountingProxy proxy, String type, String threshold, String partSize,
            int thresholdBytes) throws Exception {
        try (CrtTestStores.OpenStore open = stores
                .rootPath(S3ProxyServer.uniquePrefix("threshold"))
                .extra("multipart { threshold = " + threshold + ", part-size = " + partSize + " }").open()) {
            Store store = open.store();
            for (int size : new int[] {thresholdBytes, thresholdBytes + 1}) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                boolean multipart = size > thresholdBytes;

                proxy.clear();
                store.write("bytes-" + size, data, WriteOptions.overwrite());
                assertShape(proxy, type + " byte write of " + size, multipart);
                assertArrayEquals(data, store.readBytes("bytes-" + size));

                proxy.clear();
                try (StoreOutputStream out = store.openOutputStream("stream-" + size, WriteOptions.overwrite())) {
                    for (int at = 0; at < size; at += 100_000) {
                        out.write(data, at, Math.min(100_000, size - at));
                    }
                    out.commit();
                }
                assertShape(proxy, type + " stream of " + size, multipart);
                assertArrayEquals(data, store.readBytes("stream-" + size));
            }
            store.deleteFolder("", true);
        }
    }

    private static void assertShape(CountingProxy proxy, String what, boolean multipart) {
        List<CountingProxy.Request> requests = proxy.requests();
        long creates = requests.stream().filter(r -> r.method().equals("POST") && r.hasQuery("uploads")).count();
        long singlePuts = requests.stream().filter(r -> r.method().equals("PUT") && !r.hasQuery("partNumber")).count();
        assertEquals(multipart ? 1 : 0, creates, what + ": CreateMultipartUpload requests " + requests);
        assertEquals(multipart ? 0 : 1, singlePuts, what + ": single PutObject requests " + requests);
    }
}
