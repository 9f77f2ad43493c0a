package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3Config;
import dev.remotestore.s3.S3Errors;
import dev.remotestore.s3.S3ProxyServer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code timeouts} block on {@code s3-crt}: {@code api-call} and {@code connect} apply to both
 * clients and let writes through; {@code api-call-attempt}, which the CRT cannot take, is refused
 * when the registry is built (not at the first write), naming the key; a request a client refuses
 * is an {@link UnsupportedCapabilityException}, not a bare {@code RemoteStoreException}.
 */
class S3CrtTimeoutsTest {

    @Test
    void apiCallAttemptTimeoutIsRefusedAtConfigTimeNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Registry.fromHocon(S3CrtConfigTest.hocon("timeouts { api-call-attempt = 2s }")).close());
        assertEquals("remote-store.backends.b.timeouts.api-call-attempt", e.key());
        assertTrue(e.getMessage().contains("timeouts.api-call"), e.getMessage());
    }

    @Test
    void aBuilderWithAnAttemptTimeoutIsRefusedToo() {
        S3Config s3 = S3Config.builder().bucket("b").apiCallAttemptTimeout(Duration.ofSeconds(2)).build();
        assertThrows(IllegalArgumentException.class, () -> S3CrtConfig.builder(s3).build());
    }

    @Test
    void aClientThatRefusesARequestIsATypedError() {
        assertInstanceOf(UnsupportedCapabilityException.class, S3Errors.map("PutObject", "k",
                new java.util.concurrent.CompletionException(new UnsupportedOperationException("override not supported"))));
    }

    @Test
    void writesAndReadsWorkWithTheTimeoutsTheCrtHonours() throws Exception {
        try (CrtTestStores.OpenStore open = CrtTestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix("crt-timeouts"))
                .extra("timeouts { api-call = 60s, connect = 5s }")
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }").open()) {
            Store store = open.store();
            for (int size : new int[] {1, 12 << 20}) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                store.write("bytes-" + size, data, WriteOptions.overwrite());
                try (StoreOutputStream out = store.openOutputStream("stream-" + size, WriteOptions.overwrite())) {
                    out.write(data);
                    out.commit();
                }
                assertArrayEquals(data, store.readBytes("bytes-" + size));
                assertArrayEquals(data, store.readBytes("stream-" + size));
            }
            store.deleteFolder("", true);
        }
    }

    @Test
    void apiCallTimeoutBoundsAStalledCrtWrite() {
        try (CuttingProxy proxy = CuttingProxy.start(S3ProxyServer.shared().port());
                CrtTestStores.OpenStore open = CrtTestStores.on(S3ProxyServer.shared()).endpoint(proxy.endpoint())
                        .rootPath(S3ProxyServer.uniquePrefix("crt-timeouts"))
                        .extra("timeouts { api-call = 2s }").open()) {
            proxy.stallResponses(line -> line.startsWith("PUT "), 100, 30_000);
            long start = System.nanoTime();
            assertThrows(BackendUnavailableException.class,
                    () -> open.store().write("stalled.bin", new byte[1024], WriteOptions.overwrite()));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 15, "the call ended after " + seconds + " s, not at the 30 s stall");
            proxy.disarm();
        }
    }
}
