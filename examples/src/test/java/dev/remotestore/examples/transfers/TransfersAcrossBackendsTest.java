package dev.remotestore.examples.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderCopyOptions;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.TransferInterruptedException;
import dev.remotestore.TransferSummary;
import dev.remotestore.Transfers;
import dev.remotestore.azure.AzuriteServer;
import dev.remotestore.contract.ProgressRecorder;
import dev.remotestore.local.LocalBackend;
import dev.remotestore.s3.S3ProxyServer;
import dev.remotestore.spi.Backend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of 1,000 small files copied local → S3 (S3Proxy) → Azure (Azurite) → local with every
 * file's SHA-256 equal; then, on a sub-folder of 143 of them, a copy interrupted part-way (thread
 * interrupt) and one with a file whose source breaks mid-stream, each re-run with
 * {@code SKIP_SAME}, which copies only what is missing. The servers run on 127.0.0.1 in or beside this JVM.
 */
class TransfersAcrossBackendsTest {
    static final int FILES = 1000;

    @TempDir
    static Path work;

    private static Registry registry;
    private static BlobContainerClient container;
    private static Store local;
    private static Map<String, String> sourceSha;

    @BeforeAll
    static void servers() throws IOException {
        S3ProxyServer s3 = S3ProxyServer.shared();
        AzuriteServer azurite = AzuriteServer.shared();
        container = azurite.newContainer("transfers");
        Path source = Files.createDirectories(work.resolve("local"));
        registry = Registry.fromHocon("remote-store {\n"
                + "  backends {\n"
                + "    s3 { type = s3, bucket = " + s3.bucket() + ", region = " + S3ProxyServer.REGION
                + ", endpoint = " + quote(s3.endpoint().toString()) + ", path-style = true"
                + ", credentials { access-key-id = " + quote(S3ProxyServer.ACCESS_KEY)
                + ", secret-access-key = " + quote(S3ProxyServer.SECRET_KEY) + " } }\n"
                + "    az { type = azure, account = " + AzuriteServer.ACCOUNT + ", container = "
                + container.getBlobContainerName() + ", endpoint = " + quote(azurite.endpoint().toString())
                + ", credentials { account-key = " + quote(AzuriteServer.KEY) + " } }\n"
                + "    disk { type = local, root = " + quote(source.toString()) + " }\n"
                + "  }\n"
                + "  stores {\n"
                + "    s3 { backend = s3, root-path = " + quote(S3ProxyServer.uniquePrefix("transfers")) + " }\n"
                + "    azure { backend = az }\n"
                + "    local { backend = disk }\n"
                + "  }\n"
                + "}\n");
        local = registry.getStore("local");
        sourceSha = writeSourceFolder(source.resolve("src"));
    }

    @AfterAll
    static void close() {
        if (registry != null) {
            registry.getStore("s3").deleteFolder("", true);
            registry.close();
        }
        if (container != null) {
            container.delete();
        }
    }

    @Test
    void aThousandFilesGoLocalToS3ToAzureToLocalWithEveryByteIntact() {
        Store s3 = registry.getStore("s3");
        Store azure = registry.getStore("azure");
        Store back = Store.of("back", LocalBackend.create(work.resolve("back")));
        FolderCopyOptions options = FolderCopyOptions.defaults().parallelism(16);
        long bytes = totalBytes();

        long t0 = System.nanoTime();
        ProgressRecorder toS3 = new ProgressRecorder();
        assertEquals(new TransferSummary(FILES, bytes, 0, java.util.List.of()),
                Transfers.copyFolder(local, "src", s3, "round", options, toS3));
        toS3.assertCompleted(bytes, FILES);
        long t1 = System.nanoTime();
        assertEquals(FILES, Transfers.copyFolder(s3, "round", azure, "round", options).filesCopied());
        long t2 = System.nanoTime();
        ProgressRecorder toLocal = new ProgressRecorder();
        assertEquals(FILES, Transfers.copyFolder(azure, "round", back, "dst", options, toLocal).filesCopied());
        toLocal.assertCompleted(bytes, FILES);
        long t3 = System.nanoTime();

        assertEquals(sourceSha, shaOfFolder(back, "dst"));
        System.out.printf("[transfers] %d files, %d KiB: local→s3 %d ms, s3→azure %d ms, azure→local %d ms%n",
                FILES, bytes / 1024, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    @Test
    void aCopyInterruptedPartWayLeavesOnlyWholeFilesAndARerunWithSkipSameCopiesTheRest() {
        Store azure = registry.getStore("azure");
        Map<String, String> part = subset("d1/");
        Thread caller = Thread.currentThread();
        AtomicBoolean interrupted = new AtomicBoolean();
        FolderCopyOptions options = FolderCopyOptions.defaults().parallelism(4);

        TransferInterruptedException e = assertThrows(TransferInterruptedException.class,
                () -> Transfers.copyFolder(local, "src/d1", azure, "halfway", options, p -> {
                    if (p.filesDone() >= part.size() / 3 && interrupted.compareAndSet(false, true)) {
                        caller.interrupt();
                    }
                }));
        assertTrue(Thread.interrupted(), "the interrupt status is set again");

        TransferSummary partial = e.partial();
        Map<String, String> landed = shaOfFolder(azure, "halfway");
        assertTrue(partial.filesCopied() >= part.size() / 3 && landed.size() < part.size(),
                partial + ", " + landed.size() + " files there");
        // a file in flight may have been committed by the server as the interrupt cut its answer off:
        // it counts as failed, but it is there, whole
        assertTrue(landed.size() >= partial.filesCopied()
                && landed.size() <= partial.filesCopied() + partial.failures().size(), partial + " vs " + landed.size());
        landed.forEach((path, sha) -> assertEquals(part.get(path), sha, "a whole file at " + path));

        TransferSummary rerun = Transfers.copyFolder(local, "src/d1", azure, "halfway",
                options.existing(FolderCopyOptions.Existing.SKIP_SAME));

        assertEquals(part.size() - landed.size(), rerun.filesCopied(), rerun.toString());
        assertEquals(landed.size(), rerun.filesSkipped());
        assertTrue(rerun.succeeded());
        assertEquals(part, shaOfFolder(azure, "halfway"));
        System.out.printf("[transfers] interrupted after %d of %d files (%d there); the re-run copied %d and skipped %d%n",
                partial.filesCopied(), part.size(), landed.size(), rerun.filesCopied(), rerun.filesSkipped());
    }

    @Test
    void aFileWhoseSourceBreaksMidStreamFailsAloneLeavesNoTargetAndARerunCopiesOnlyIt() {
        Store s3 = registry.getStore("s3");
        Map<String, String> part = subset("d2/");
        String broken = part.keySet().stream().filter(p -> size("d2/" + p) > 1000).findFirst().orElseThrow();
        LocalBackend disk = LocalBackend.create(work.resolve("local"));
        Store breaking = Store.of("breaking", breakingReadsOf(disk, "src/d2/" + broken, 500));

        TransferSummary first = Transfers.copyFolder(breaking, "src/d2", s3, "broken",
                FolderCopyOptions.defaults().parallelism(8));

        assertEquals(part.size() - 1, first.filesCopied());
        assertEquals(1, first.failures().size());
        assertEquals(broken, first.failures().get(0).path());
        assertFalse(s3.isFile("broken/" + broken), "the failed file left nothing behind");

        TransferSummary rerun = Transfers.copyFolder(local, "src/d2", s3, "broken",
                FolderCopyOptions.defaults().parallelism(8).existing(FolderCopyOptions.Existing.SKIP_SAME));

        assertEquals(1, rerun.filesCopied(), rerun.toString());
        assertEquals(part.size() - 1, rerun.filesSkipped());
        assertEquals(part, shaOfFolder(s3, "broken"));
    }

    /** The source files under {@code prefix}, by path relative to it. */
    private static Map<String, String> subset(String prefix) {
        Map<String, String> part = new TreeMap<>();
        sourceSha.forEach((path, sha) -> {
            if (path.startsWith(prefix)) {
                part.put(path.substring(prefix.length()), sha);
            }
        });
        return part;
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** 1,000 files of 0 to 4 KiB in nested folders, seeded; their SHA-256 by relative path. */
    private static Map<String, String> writeSourceFolder(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        Map<String, String> sha = new TreeMap<>();
        for (int i = 0; i < FILES; i++) {
            String rel = "d" + (i % 7) + "/e" + (i % 3) + "/file-" + i + ".bin";
            byte[] bytes = new byte[random.nextInt(4097)];
            random.nextBytes(bytes);
            Path file = dir.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            sha.put(rel, sha256(bytes));
        }
        return sha;
    }

    private static long totalBytes() {
        return sourceSha.keySet().stream().mapToLong(TransfersAcrossBackendsTest::size).sum();
    }

    private static long size(String rel) {
        try {
            return Files.size(work.resolve("local").resolve("src").resolve(rel));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> shaOfFolder(Store store, String folder) {
        Map<String, String> sha = new TreeMap<>();
        try (Stream<FileInfo> files = store.listFiles(folder, ListOptions.recursive())) {
            files.forEach(f -> sha.put(f.path().substring(folder.length() + 1), sha256(store.readBytes(f.path()))));
        }
        return sha;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The backend, except that reading {@code key} breaks after {@code after} bytes. */
    private static Backend breakingReadsOf(Backend inner, String key, int after) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("read") && key.equals(args[0])) {
                        return new BreakingStream((InputStream) result, after);
                    }
                    return result;
                });
    }

    private static final class BreakingStream extends FilterInputStream {
        private long left;

        BreakingStream(InputStream in, long after) {
            super(in);
            this.left = after;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("connection reset (test)");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
