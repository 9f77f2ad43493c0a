package dev.remotestore.s3crt;

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
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3Config;
import dev.remotestore.s3.S3ProxyServer;
import dev.remotestore.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code Store.upload} / {@code download} on {@code type = s3-crt}, through the CRT's own file
 * transfer (the transfer manager on the CRT client), against S3Proxy and S3Mock: bytes (SHA-256)
 * and progress that ends at the size; create-only and compare-and-swap on the CRT's multipart
 * path, leaving the old object and no upload; a failed multipart upload that leaves nothing; a
 * download pinned to the version its caller saw. Multipart above 5 MiB, 5 MiB parts.
 */
class S3CrtFileTransferTest {
    static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;
    CrtTestStores.OpenStore open;
    Store store;
    S3Client s3;
    String bucket;
    CuttingProxy proxy;

    void open(String server, String test, String extra, boolean viaProxy) {
        CrtTestStores stores;
        if (server.equals("S3Mock")) {
            S3MockServer mock = S3MockServer.shared();
            stores = CrtTestStores.on(mock.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY);
            s3 = S3ProxyServer.newClient(mock.endpoint(), S3MockServer.SECRET_KEY);
            bucket = S3MockServer.BUCKET;
        } else {
            stores = CrtTestStores.on(S3ProxyServer.shared());
            s3 = S3ProxyServer.shared().newClient();
            bucket = S3ProxyServer.BUCKET;
            if (viaProxy) {
                proxy = CuttingProxy.start(S3ProxyServer.shared().port());
                stores.endpoint(proxy.endpoint());
            }
        }
        open = stores.rootPath(S3ProxyServer.uniquePrefix(test))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }").extra(extra).open();
        store = open.store();
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
        return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(store.rootPath() + "/")).uploads();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @CsvSource({"S3Proxy, 0", "S3Proxy, 1", "S3Proxy, 16777217", "S3Mock, 0", "S3Mock, 1", "S3Mock, 16777217"})
    void uploadThenDownloadKeepsEveryByte(String server, long size) throws Exception {
        open(server, "crt-file-roundtrip", "", false);
        Path source = TransferFiles.write(dir.resolve("source.bin"), size, size);
        List<TransferProgress> up = new CopyOnWriteArrayList<>();
        WriteResult written = store.upload(source, "f.bin", WriteOptions.createOnly(), up::add);
        assertEquals(size, store.getFileInfo("f.bin").size());
        assertEquals(written.etag(), store.getFileInfo("f.bin").etag());
        assertEquals(size > 5 * MIB, written.etag().contains("-"), "multipart above the threshold: " + written.etag());
        Path target = dir.resolve("target.bin");
        List<TransferProgress> down = new CopyOnWriteArrayList<>();
        store.download("f.bin", target, DownloadOptions.createOnly(), down::add);
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
    @CsvSource({"3", "16777217"})
    void createOnlyUploadOntoAnExistingFileFailsAndLeavesIt(long size) throws Exception {
        open("S3Proxy", "crt-file-create-only", "", false);
        store.write("f.bin", new byte[] {7}, WriteOptions.overwrite());
        Path source = TransferFiles.write(dir.resolve("source.bin"), size, 1);
        assertThrows(AlreadyExistsException.class, () -> store.upload(source, "f.bin"));
        assertArrayEquals(new byte[] {7}, store.readBytes("f.bin"));
        assertEquals(List.of(), inProgress());
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"3", "16777217"})
    void compareAndSwapUploadReplacesOnlyTheExpectedVersion(long size) throws Exception {
        open("S3Proxy", "crt-file-cas", "", false);
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

    /** Every attempt at one part is reset: the CRT fails the upload and aborts it; nothing is left. */
    @Test
    void aFailedMultipartUploadLeavesNoObjectAndNoUpload() throws Exception {
        open("S3Proxy", "crt-file-failed", "retry { max-attempts = 2 }", true);
        Path source = TransferFiles.write(dir.resolve("source.bin"), 16 * MIB + 1, 3);
        proxy.resetRequests(line -> line.startsWith("PUT ") && line.contains("partNumber=3"), 100, 64 * 1024);
        assertThrows(RemoteStoreException.class, () -> store.upload(source, "f.bin"));
        assertTrue(proxy.resets() >= 2, "the part was tried and reset: " + proxy.resets());
        proxy.disarm();
        assertFalse(store.isFile("f.bin"));
        assertEquals(List.of(), inProgress());
    }

    /**
     * The object is replaced after the caller read its info: every ranged GET carries If-Match
     * with the ETag the caller saw, so the download fails rather than deliver another version.
     * Small objects (one GET on the standard client) and CRT-sized ones alike.
     */
    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"3", "16777217"})
    void aDownloadOfAReplacedObjectFailsWithPreconditionFailed(long size) throws Exception {
        S3Config s3Config = S3Config.builder().bucket(S3ProxyServer.BUCKET).region(S3ProxyServer.REGION)
                .endpoint(S3ProxyServer.shared().endpoint()).pathStyle(true)
                .staticCredentials(S3ProxyServer.ACCESS_KEY, new Secret(S3ProxyServer.SECRET_KEY), null)
                .partSize(5 * MIB).multipartThreshold(5 * MIB).build();
        s3 = S3ProxyServer.shared().newClient();
        String key = S3ProxyServer.uniquePrefix("crt-file-replaced") + "/f.bin";
        try (S3CrtBackend backend = S3CrtBackend.create(S3CrtConfig.builder(s3Config).dropExpectContinue(true).build())) {
            Path source = TransferFiles.write(dir.resolve("source.bin"), size, 5);
            backend.upload(key, source, WriteOptions.overwrite(), n -> { });
            FileInfo seen = backend.getFileInfo(key);
            s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key), RequestBody.fromBytes(new byte[(int) size]));
            Path target = Files.createFile(dir.resolve("target.bin"));
            AtomicLong progress = new AtomicLong();
            assertThrows(PreconditionFailedException.class, () -> backend.download(key, seen, target, progress::addAndGet));
            assertTrue(progress.get() < size, "not the whole object: " + progress.get());

            FileInfo now = backend.getFileInfo(key);
            backend.download(key, now, target, progress::addAndGet);
            assertArrayEquals(new byte[(int) size], Files.readAllBytes(target));
        } finally {
            s3.deleteObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
            s3.close();
        }
    }
}
