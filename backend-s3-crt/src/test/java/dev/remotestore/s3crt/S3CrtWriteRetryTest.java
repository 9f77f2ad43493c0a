package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3ProxyServer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CRT writes survive connection resets as {@code retry.max-attempts} allows: a proxy in front of
 * S3Proxy resets the connection of the first PUTs after 64 KiB of their body; the write then
 * completes with the right bytes, and nothing is left in progress.
 */
class S3CrtWriteRetryTest {
    CuttingProxy proxy;
    CrtTestStores.OpenStore open;
    Store store;

    @BeforeEach
    void start() {
        proxy = CuttingProxy.start(S3ProxyServer.shared().port());
        open = CrtTestStores.on(S3ProxyServer.shared()).endpoint(proxy.endpoint())
                .rootPath(S3ProxyServer.uniquePrefix("crt-retry"))
                .extra("retry { max-attempts = 4 }")
                .extra("multipart { threshold = 8MiB, part-size = 5MiB }").open();
        store = open.store();
    }

    @AfterEach
    void stop() {
        proxy.disarm();
        try {
            store.deleteFolder("", true);
        } finally {
            open.close();
            proxy.close();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20, 20 << 20})
    void aByteWriteWhosePutsAreResetIsRetried(int size) {
        byte[] data = random(size);
        proxy.resetRequests(line -> line.startsWith("PUT "), 3, 64 * 1024);
        store.write("reset.bin", data, WriteOptions.overwrite());
        assertEquals(3, proxy.resets(), "the proxy reset three PUTs");
        assertArrayEquals(data, store.readBytes("reset.bin"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20, 20 << 20})
    void aStreamWhosePutsAreResetIsRetried(int size) throws Exception {
        byte[] data = random(size);
        proxy.resetRequests(line -> line.startsWith("PUT "), 3, 64 * 1024);
        try (StoreOutputStream out = store.openOutputStream("stream.bin", WriteOptions.overwrite())) {
            out.write(data);
            out.commit();
        }
        assertEquals(3, proxy.resets(), "the proxy reset three PUTs");
        assertArrayEquals(data, store.readBytes("stream.bin"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20, 20 << 20})
    void probeLostResponses(int size) {
        byte[] data = random(size);
        proxy.stallResponses(line -> line.startsWith("PUT "), 3, 0);
        store.write("lost.bin", data, WriteOptions.overwrite());
        assertEquals(3, proxy.stalls());
        assertArrayEquals(data, store.readBytes("lost.bin"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1 << 20})
    void probeTooManyResets(int size) {
        byte[] data = random(size);
        proxy.resetRequests(line -> line.startsWith("PUT "), 4, 64 * 1024);
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> store.write("many.bin", data, WriteOptions.overwrite()));
        e.printStackTrace(System.out);
        System.out.println("PROBE resets " + proxy.resets());
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
