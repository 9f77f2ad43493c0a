package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 1 GiB streaming write through {@code openOutputStream} in a JVM of {@code -Xmx256m} (its
 * own surefire execution, see the pom): memory for a streaming write is bounded by a few parts.
 * The blobs go to a private S3Proxy on the filesystem provider (the in-memory one would hold
 * the GiB on this heap). S3Proxy runs in the same JVM, so the measured peak includes it.
 * Default multipart settings, as a user gets them.
 */
class S3LargeStreamingWriteIT {
    static final int MIB = 1024 * 1024;
    static final int SIZE_MIB = 1024;

    @Test
    void oneGibStreamingWriteWithBoundedHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("max heap: %d MiB%n", maxHeap / MIB);
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                S3TestStores.OpenStore open = S3TestStores.on(server).rootPath("large").open()) {
            Store store = open.store();
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[MIB];

            HeapWatch watch = HeapWatch.start();
            long t0 = System.nanoTime();
            try (StoreOutputStream out = store.openOutputStream("one-gib.bin", WriteOptions.createOnly())) {
                for (int i = 0; i < SIZE_MIB; i++) {
                    new SplittableRandom(i).nextBytes(chunk);
                    written.update(chunk);
                    out.write(chunk);
                }
                // -Drs.largeWrite.extraBytes=N appends N bytes (diagnosis aid: 1 GiB is an exact
                // multiple of the default 8 MiB part size, which is an edge case of its own)
                byte[] extra = new byte[Integer.getInteger("rs.largeWrite.extraBytes", 0)];
                written.update(extra);
                out.write(extra);
                out.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            HeapWatch.Peak peak = watch.stop();
            System.out.printf("1 GiB streaming write: %.1f s (%.0f MiB/s); peak heap used %d MiB (sampled), "
                            + "sum of heap pool peaks %d MiB, of max %d MiB%n",
                    seconds, SIZE_MIB / seconds, peak.sampledMax() / MIB, peak.poolPeakSum() / MIB, maxHeap / MIB);

            assertEquals((long) SIZE_MIB * MIB + Integer.getInteger("rs.largeWrite.extraBytes", 0), store.getFileInfo("one-gib.bin").size());
            S3Client s3 = store.unwrap(S3Client.class);
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(server.bucket())).uploads());

            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long t1 = System.nanoTime();
            long total = 0;
            try (InputStream in = store.read("one-gib.bin")) {
                byte[] buf = new byte[256 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    read.update(buf, 0, n);
                    total += n;
                }
            }
            System.out.printf("1 GiB streaming read back: %.1f s%n", (System.nanoTime() - t1) / 1e9);
            assertEquals((long) SIZE_MIB * MIB + Integer.getInteger("rs.largeWrite.extraBytes", 0), total);
            assertEquals(HexFormat.of().formatHex(written.digest()), HexFormat.of().formatHex(read.digest()));
            if (maxHeap <= 300L * MIB) {
                assertTrue(peak.sampledMax() < maxHeap, "stayed under the heap limit");
            }
        }
    }

    /** Samples used heap every few ms and reads the heap pools' peak usage. */
    static final class HeapWatch {
        record Peak(long sampledMax, long poolPeakSum) {}

        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        private HeapWatch() {
            thread = new Thread(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            HeapWatch w = new HeapWatch();
            w.thread.start();
            return w;
        }

        Peak stop() throws InterruptedException {
            running = false;
            thread.join();
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return new Peak(max.get(), sum);
        }
    }
}
