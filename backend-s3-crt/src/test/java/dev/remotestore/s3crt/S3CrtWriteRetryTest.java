package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3ProxyServer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CRT writes survive connection resets as {@code retry.max-attempts} allows: a proxy in front of
 * S3Proxy resets the connection of the first PUTs after 64 KiB of their body; the write then
 * completes with the right bytes. The CRT retries inside the native client, {@code retry.max-attempts}
 * attempts per request; a write that fails after them says so.
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
    void aWriteWhoseAnswersAreLostIsRetried(int size) {
        byte[] data = random(size);
        proxy.stallResponses(line -> line.startsWith("PUT "), 3, 0);
        store.write("lost.bin", data, WriteOptions.overwrite());
        assertEquals(3, proxy.stalls(), "three PUTs reached the server but their answers were dropped");
        assertArrayEquals(data, store.readBytes("lost.bin"));
    }

    @Test
    void aWriteResetMoreOftenThanItsAttemptsFailsNamingThem() {
        byte[] data = random(1 << 20);
        proxy.resetRequests(line -> line.startsWith("PUT "), 4, 64 * 1024);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> store.write("many.bin", data, WriteOptions.overwrite()));
        assertEquals(4, proxy.resets(), "the first attempt and three retries");
        assertTrue(e.getMessage().contains("up to 4 attempts"), e.getMessage());
        assertFalse(store.exists("many.bin"));
    }

    @Test
    void aStreamWhosePartIsResetMoreOftenThanItsAttemptsFailsNamingThem() {
        byte[] data = random(12 << 20);
        proxy.resetRequests(line -> line.startsWith("PUT ") && line.contains("partNumber=1&")
                || line.startsWith("PUT ") && line.contains("partNumber=1 "), 4, 64 * 1024);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> {
            try (StoreOutputStream out = store.openOutputStream("many-parts.bin", WriteOptions.overwrite())) {
                out.write(data);
                out.commit();
            }
        });
        assertEquals(4, proxy.resets(), "the first attempt and three retries of part 1");
        assertTrue(e.getMessage().contains("up to 4 attempts"), e.getMessage());
        assertFalse(store.exists("many-parts.bin"));
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
