package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.DownloadOptions;
import dev.remotestore.contract.TransferFiles;
import dev.remotestore.Store;
import dev.remotestore.TransferProgress;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 300 MiB file uploaded and downloaded through {@code Store.upload} / {@code download} on
 * {@code s3-crt}, in a JVM whose heap ({@code -Xmx128m}, its own surefire execution, see the pom)
 * is smaller than the file: the CRT reads and writes the file itself. S3Proxy runs in this JVM on
 * its filesystem provider.
 */
class S3CrtLargeFileTransferIT {
    static final int MIB = 1024 * 1024;
    static final long SIZE = 300L * MIB;

    @TempDir
    Path dir;

    @Test
    void threeHundredMibRoundTripWithAHeapSmallerThanTheFile() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                CrtTestStores.OpenStore open = CrtTestStores.on(server).rootPath("large-file").open();
                S3Client s3 = server.newClient()) {
            Store store = open.store();
            Path source = TransferFiles.write(dir.resolve("source.bin"), SIZE, 300);
            AtomicReference<TransferProgress> last = new AtomicReference<>();
            AtomicLong peakHeap = new AtomicLong();
            Thread watch = heapWatch(peakHeap);
            long t0 = System.nanoTime();
            store.upload(source, "big.bin", WriteOptions.createOnly(), last::set);
            double up = (System.nanoTime() - t0) / 1e9;
            assertEquals(SIZE, last.get().bytesDone());
            Path target = dir.resolve("target.bin");
            long t1 = System.nanoTime();
            store.download("big.bin", target, DownloadOptions.createOnly(), last::set);
            double down = (System.nanoTime() - t1) / 1e9;
            watch.interrupt();
            watch.join();
            System.out.printf("s3-crt 300 MiB file: upload %.1f s, download %.1f s; peak heap used %d MiB of max %d MiB%n",
                    up, down, peakHeap.get() / MIB, maxHeap / MIB);
            assertEquals(SIZE, last.get().bytesDone());
            assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(target));
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(server.bucket())).uploads());
            assertTrue(peakHeap.get() < maxHeap && maxHeap < SIZE, "the heap held less than the file");
        }
    }

    static Thread heapWatch(AtomicLong peak) {
        Thread t = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
