package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB object read through {@code read()} by a slow consumer in a JVM of {@code -Xmx256m}
 * (its own surefire execution, see the pom): the CRT's parallel ranged GETs run ahead of the
 * reader only by {@code crt.initial-read-buffer}, so neither the heap nor the process's resident
 * memory grows with the object. The blob lives on a private S3Proxy on the filesystem provider.
 */
class S3CrtLargeStreamingReadIT {
    static final int MIB = 1024 * 1024;
    static final int SIZE_MIB = 1024;

    @Test
    void oneGibReadBySlowConsumerStaysBounded() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                CrtTestStores.OpenStore open = CrtTestStores.on(server).rootPath("large")
                        .extra("crt { initial-read-buffer = 32MiB }").open()) {
            Store store = open.store();
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[MIB];
            try (StoreOutputStream out = store.openOutputStream("one-gib.bin", WriteOptions.overwrite())) {
                for (int i = 0; i < SIZE_MIB; i++) {
                    new SplittableRandom(i).nextBytes(chunk);
                    written.update(chunk);
                    out.write(chunk);
                }
                out.commit();
            }
            long rssBefore = rssBytes();
            long peakRss = rssBefore;
            long peakHeap = 0;
            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long total = 0;
            long t0 = System.nanoTime();
            try (InputStream in = store.read("one-gib.bin")) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    read.update(buf, 0, n);
                    total += n;
                    if (total % (16L * MIB) < n) {
                        Thread.sleep(40); // a slow consumer: ~400 MiB/s at most, far below loopback
                        Runtime rt = Runtime.getRuntime();
                        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                        peakRss = Math.max(peakRss, rssBytes());
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("1 GiB slow read: %.1f s; peak heap used %d MiB of max %d MiB; RSS before %d MiB, peak %d MiB%n",
                    seconds, peakHeap / MIB, Runtime.getRuntime().maxMemory() / MIB, rssBefore / MIB, peakRss / MIB);
            assertEquals((long) SIZE_MIB * MIB, total);
            assertEquals(HexFormat.of().formatHex(written.digest()), HexFormat.of().formatHex(read.digest()));
            if (rssBefore > 0) {
                assertTrue(peakRss - rssBefore < 512L * MIB,
                        "resident memory grew by " + (peakRss - rssBefore) / MIB + " MiB while reading 1 GiB");
            }
        }
    }

    /** The process's resident set, from /proc (0 where there is none). */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
