package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3ProxyServer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3CrtWriteEtagTest {
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20, (16 << 20) + 1})
    void s3MockWritesReportTheStoredEtag(int size) {
        S3MockServer server = S3MockServer.shared();
        try (CrtTestStores.OpenStore open = CrtTestStores.on(server.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY).rootPath(S3ProxyServer.uniquePrefix("crt-etag")).open()) {
            Store store = open.store();
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            WriteResult result = store.write("e.bin", data, WriteOptions.overwrite());
            assertEquals(store.getFileInfo("e.bin").etag(), result.etag());
            assertArrayEquals(data, store.readBytes("e.bin"));
            store.deleteFolder("", true);
        }
    }
}
