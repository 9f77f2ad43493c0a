package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.contract.TransferFiles;
import dev.remotestore.DownloadOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.TransferProgress;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code Store.upload} / {@code download} on {@code type = s3} against S3Proxy: the file path's
 * bytes (SHA-256), its preconditions, that a failed multipart upload leaves neither object nor
 * upload, and that a download pinned to one version fails when the object is replaced mid-way.
 * Multipart at 5 MiB parts, so 16 MiB + 1 is four parts and four ranged GETs.
 */
class S3FileTransferTest {
    static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;
    S3TestStores.OpenStore open;
    Store store;
    S3Client s3;
    CuttingProxy proxy;

    void open(TestInfo info, String extra) {
        open(info, extra, false);
    }

    void open(TestInfo info, String extra, boolean viaProxy) {
        S3TestStores stores = S3TestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName()))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }").extra(extra);
        if (viaProxy) {
            proxy = CuttingProxy.start(S3ProxyServer.shared().port());
            stores.endpoint(proxy.endpoint());
        }
        open = stores.open();
        store = open.store();
        s3 = S3ProxyServer.shared().newClient();
    }

    @AfterEach
    void close() {
        if (open == null) {
            return;
        }
        try {
            if (proxy != null) {
                proxy.disarm();
            }
            store.deleteFolder("", true);
        } finally {
            open.close();
            s3.close();
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    List<MultipartUpload> inProgress() {
        return s3.listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(store.rootPath() + "/")).uploads();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 5 * MIB, 16 * MIB + 1})
    void uploadThenDownloadKeepsEveryByte(long size, TestInfo info) throws Exception {
        open(info, "");
        Path source = TransferFiles.write(dir.resolve("source.bin"), size, size);
        List<TransferProgress> up = new CopyOnWriteArrayList<>();
        WriteResult written = store.upload(source, "f.bin", WriteOptions.createOnly(), up::add);
        assertEquals(size, store.getFileInfo("f.bin").size());
        assertEquals(written.etag(), store.getFileInfo("f.bin").etag());
        assertEquals(size > 5 * MIB, written.etag().contains("-"), "multipart above the threshold: " + written.etag());
        Path target = dir.resolve("target.bin");
        List<TransferProgress> down = new CopyOnWriteArrayList<>();
        FileInfo info2 = store.download("f.bin", target, DownloadOptions.createOnly(), down::add);
        assertEquals(size, info2.size());
        assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(target));
        for (List<TransferProgress> calls : List.of(up, down)) {
            TransferProgress last = calls.get(calls.size() - 1);
            assertTrue(last.finished());
            assertEquals(size, last.bytesDone(), "progress ends exactly at the size");
        }
        assertEquals(List.of(), inProgress());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left next to the target");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {3, 16 * MIB + 1})
    void createOnlyUploadOntoAnExistingFileFailsAndLeavesIt(long size, TestInfo info) throws Exception {
        open(info, "");
        store.write("f.bin", new byte[] {7}, WriteOptions.overwrite());
        Path source = TransferFiles.write(dir.resolve("source.bin"), size, 1);
        assertThrows(AlreadyExistsException.class, () -> store.upload(source, "f.bin"));
        assertArrayEquals(new byte[] {7}, store.readBytes("f.bin"));
        assertEquals(List.of(), inProgress());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {3, 16 * MIB + 1})
    void compareAndSwapUploadReplacesOnlyTheExpectedVersion(long size, TestInfo info) throws Exception {
        open(info, "");
        String stale = store.write("f.bin", new byte[] {1}, WriteOptions.overwrite()).etag();
        String current = store.write("f.bin", new byte[] {2}, WriteOptions.overwrite()).etag();
        Path source = TransferFiles.write(dir.resolve("source.bin"), size, 2);
        assertThrows(PreconditionFailedException.class, () -> store.upload(source, "f.bin", WriteOptions.ifMatch(stale)));
        assertArrayEquals(new byte[] {2}, store.readBytes("f.bin"));
        assertThrows(PreconditionFailedException.class,
                () -> store.upload(source, "missing.bin", WriteOptions.ifMatch(current)));
        assertFalse(store.isFile("missing.bin"));
        assertEquals(List.of(), inProgress());

        store.upload(source, "f.bin", WriteOptions.ifMatch(current));
        Path back = dir.resolve("back.bin");
        store.download("f.bin", back);
        assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(back));
    }

    /** A part that cannot be sent (every attempt reset) fails the upload; the upload is aborted. */
    @Test
    void aFailedMultipartUploadLeavesNoObjectAndNoUpload(TestInfo info) throws Exception {
        open(info, "retry { max-attempts = 2 }", true);
        Path source = TransferFiles.write(dir.resolve("source.bin"), 16 * MIB + 1, 3);
        proxy.resetRequests(line -> line.startsWith("PUT ") && line.contains("partNumber=3"), 100, 64 * 1024);
        assertThrows(RemoteStoreException.class, () -> store.upload(source, "f.bin"));
        assertTrue(proxy.resets() >= 2, "the part was tried and reset: " + proxy.resets());
        proxy.disarm();
        assertFalse(store.isFile("f.bin"));
        assertEquals(List.of(), inProgress());
    }

    /** The completion landed but its answer was lost: the object's ETag says it was this upload. */
    @Test
    void aCreateOnlyUploadWhoseCompletionAnswerWasLostIsJudgedWritten(TestInfo info) throws Exception {
        open(info, "", true);
        Path source = TransferFiles.write(dir.resolve("source.bin"), 16 * MIB + 1, 4);
        proxy.dropNextResponseTo(line -> line.startsWith("POST ") && line.contains("uploadId="));
        WriteResult result = store.upload(source, "f.bin");
        assertEquals(store.getFileInfo("f.bin").etag(), result.etag());
        Path back = dir.resolve("back.bin");
        store.download("f.bin", back);
        assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(back));
        assertEquals(List.of(), inProgress());
    }

    /** One range at a time: the object is replaced after the first range arrived. */
    @Test
    void aDownloadOfAnObjectReplacedMidwayFailsAndLeavesNoFile(TestInfo info) throws Exception {
        open(info, "multipart.max-parts-in-flight = 1");
        Path source = TransferFiles.write(dir.resolve("source.bin"), 16 * MIB + 1, 5);
        store.upload(source, "f.bin");
        AtomicBoolean replaced = new AtomicBoolean();
        Path target = dir.resolve("target.bin");
        assertThrows(PreconditionFailedException.class, () -> store.download("f.bin", target, DownloadOptions.createOnly(),
                p -> {
                    if (p.bytesDone() > 0 && !replaced.getAndSet(true)) {
                        s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(store.rootPath() + "/f.bin"),
                                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {9}));
                    }
                }));
        assertTrue(replaced.get());
        assertFalse(Files.exists(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left next to the target");
        }
    }

    @Test
    void partSizeGrowsToStayWithinTenThousandParts() {
        assertEquals(8 * MIB, S3FileUpload.partSizeFor(1024L * MIB, 8 * MIB));
        assertEquals(8 * MIB, S3FileUpload.partSizeFor(10_000L * 8 * MIB, 8 * MIB));
        long big = 10_000L * 8 * MIB + 1;
        long part = S3FileUpload.partSizeFor(big, 8 * MIB);
        assertEquals(9 * MIB, part);
        assertTrue((big + part - 1) / part <= 10_000);
    }
}
