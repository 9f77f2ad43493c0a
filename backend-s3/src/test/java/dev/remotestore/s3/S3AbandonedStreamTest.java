package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Streams a caller opens and forgets must not hold the HTTP connection pool for good: once such
 * a stream is unreachable its request is aborted and its connection returned (with one WARN
 * naming what leaked), and a caller that waits for a free connection gets a clear
 * BackendUnavailableException after {@code timeouts.connection-acquire}, not a 50-second hang.
 * A pool of 4 connections keeps the test small.
 */
class S3AbandonedStreamTest {
    static final int POOL = 4;
    static final byte[] DATA = bytes(2 * 1024 * 1024);

    S3TestStores.OpenStore open;
    String root;

    @BeforeEach
    void open(TestInfo info) {
        root = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName());
        open = S3TestStores.on(S3ProxyServer.shared()).rootPath(root)
                .extra("max-connections = " + POOL)
                .extra("retry { max-attempts = 1 }")
                .extra("timeouts { connection-acquire = 2s }")
                .open();
        open.store().write("big.bin", DATA, WriteOptions.overwrite());
    }

    @AfterEach
    void close() {
        try {
            open.store().deleteFolder("", true);
        } finally {
            open.close();
        }
    }

    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(8).nextBytes(b);
        return b;
    }

    /** Opens {@code n} streams, reads one byte of each (so each holds a connection) and forgets them. */
    static void openAndForget(Store store, int n) throws Exception {
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InputStream in = store.read("big.bin");
            assertEquals(DATA[0] & 0xff, in.read());
            streams.add(in);
        }
        streams.clear(); // unreachable from here on, never closed
    }

    /** Runs GCs until {@code warnings} has {@code n} entries, or 20 s pass. */
    static void collectUntil(LogCapture log, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (log.warnings().size() < n && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
    }

    @Test
    void forgottenReadStreamsGiveTheirConnectionsBack() throws Exception {
        Store store = open.store();
        try (LogCapture log = LogCapture.of(StreamLeaks.class)) {
            openAndForget(store, POOL);
            collectUntil(log, POOL);
            List<String> warnings = log.warnings();
            assertEquals(POOL, warnings.size(), "one WARN per forgotten stream: " + warnings);
            assertTrue(warnings.get(0).contains(root + "/big.bin") && warnings.get(0).contains("never closed"), warnings.get(0));
        }
        long start = System.nanoTime();
        assertArrayEquals(DATA, store.readBytes("big.bin"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1_500, "the read found a free connection at once; took " + ms + " ms");
    }

    @Test
    void forgottenChannelsGiveTheirConnectionsBack() throws Exception {
        Store store = open.store();
        try (LogCapture log = LogCapture.of(StreamLeaks.class)) {
            List<SeekableByteChannel> channels = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                SeekableByteChannel ch = store.openChannel("big.bin");
                assertEquals(1, ch.read(ByteBuffer.allocate(1)));
                channels.add(ch);
            }
            channels.clear();
            collectUntil(log, POOL);
            assertEquals(POOL, log.warnings().size(), "one WARN per forgotten channel: " + log.warnings());
        }
        assertArrayEquals(DATA, store.readBytes("big.bin"));
    }

    @Test
    void closedStreamsAreNotReportedAsLeaks() throws Exception {
        Store store = open.store();
        try (LogCapture log = LogCapture.of(StreamLeaks.class)) {
            for (int i = 0; i < 3 * POOL; i++) {
                try (InputStream in = store.read("big.bin")) {
                    assertEquals(DATA[0] & 0xff, in.read());
                }
            }
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void waitingForAConnectionEndsWithAClearError() throws Exception {
        Store store = open.store();
        List<InputStream> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                InputStream in = store.read("big.bin");
                in.read();
                held.add(in);
            }
            long start = System.nanoTime();
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> store.readBytes("big.bin"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 1_900 && ms < 6_000, "waited timeouts.connection-acquire (2s), not more; took " + ms + " ms");
            assertTrue(e.getMessage().contains("max-connections") && e.getMessage().contains("timeouts.connection-acquire")
                    && e.getMessage().contains("close"), e.getMessage());
            assertEquals("big.bin", e.path());
        } finally {
            for (InputStream in : held) {
                in.close();
            }
        }
        assertArrayEquals(DATA, store.readBytes("big.bin"), "closing them frees the pool");
    }
}
