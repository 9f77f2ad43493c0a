package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Store;
import dev.remotestore.contract.TransferFiles;
import dev.remotestore.TransferProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 300 MiB file uploaded and downloaded through {@code Store.upload} / {@code download} in a JVM
 * whose heap ({@code -Xmx128m}, its own surefire execution, see the pom) is smaller than the file:
 * the parts go from the file to S3 and back by offset, never the whole file on the heap. S3Proxy
 * runs in this JVM on its filesystem provider; default multipart settings.
 */
class S3LargeFileTransferIT {
    static final int MIB = 1024 * 1024;
    static final long SIZE = 300L * MIB;

    @TempDir
    Path dir;

    @Test
    void threeHundredMibRoundTripWithAHeapSmallerThanTheFile() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                S3TestStores.OpenStore open = S3TestStores.on(server).rootPath("large-file").open()) {
            Store store = open.store();
            Path source = TransferFiles.write(dir.resolve("source.bin"), SIZE, 300);
            AtomicReference<TransferProgress> last = new AtomicReference<>();
            S3LargeStreamingWriteIT.HeapWatch watch = S3LargeStreamingWriteIT.HeapWatch.start();
            long t0 = System.nanoTime();
            store.upload(source, "big.bin", dev.remotestore.WriteOptions.createOnly(), last::set);
            double up = (System.nanoTime() - t0) / 1e9;
            assertEquals(SIZE, last.get().bytesDone());
            Path target = dir.resolve("target.bin");
            long t1 = System.nanoTime();
            store.download("big.bin", target, dev.remotestore.DownloadOptions.createOnly(), last::set);
            double down = (System.nanoTime() - t1) / 1e9;
            S3LargeStreamingWriteIT.HeapWatch.Peak peak = watch.stop();
            System.out.printf("300 MiB file: upload %.1f s, download %.1f s; peak heap used %d MiB of max %d MiB%n",
                    up, down, peak.sampledMax() / MIB, maxHeap / MIB);
            assertEquals(SIZE, last.get().bytesDone());
            assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(target));
            S3Client s3 = store.unwrap(S3Client.class);
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(server.bucket())).uploads());
            assertTrue(store.getFileInfo("big.bin").etag().endsWith("-38\""), "38 parts of 8 MiB");
            if (maxHeap < SIZE) {
                assertTrue(peak.sampledMax() < maxHeap, "the heap held less than the file");
            }
            Files.delete(target);
        }
    }
}
