package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.DownloadOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.Store;
import dev.remotestore.TransferListener;
import dev.remotestore.TransferProgress;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.gcs.GcsJsonApiServer.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code store.upload} / {@code store.download} through the real google-cloud-storage client
 * against {@link GcsJsonApiServer}: which requests go out (one session and one streamed PUT for a
 * file above {@code chunk-size}, one request below it, one pinned GET down), the bytes (SHA-256),
 * and the preconditions as GCS evaluates them (create-only and compare-and-swap at finalisation,
 * downloads pinned with {@code ifGenerationMatch}), and upload progress: counted as the bytes go
 * out on a backend that built its client, in one step on a client the caller built, never back
 * when the client resends from the offset GCS reports after a 503 that kept part of a PUT.
 *
 * <p>What this server cannot check, left to a live-GCS run ({@code EnvGcsStoreContractTest} and the
 * transfer contract there): a PUT broken mid-file and resumed from the offset GCS reports (the
 * server cannot cut a connection), a download resumed after a break, GCS's own MD5/CRC32C
 * validation, content type and metadata as GCS stores them (the server only records what the
 * client sent), and multi-GiB files (it keeps uploads in memory).
 */
class GcsWireFileTransferTest {
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path dir;

    private GcsJsonApiServer server;
    private GcsBackend backend;
    private GcsBackend configured;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        server = new GcsJsonApiServer();
        Storage storage = StorageOptions.http()
                .setHost(server.endpoint().toString())
                .setProjectId("test-project")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
        backend = GcsBackend.create(storage, GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).chunkSize(CHUNK).build());
        store = Store.of("wire", backend);
    }

    @AfterEach
    void stop() {
        backend.close();
        if (configured != null) {
            configured.close();
        }
        server.close();
    }

    /** A backend that builds its own client (from config, as the registry does) against the server. */
    private GcsBackend configuredBackend() {
        configured = GcsBackend.create(GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).endpoint(server.endpoint())
                .noCredentials().projectId("test-project").chunkSize(CHUNK).build(), name -> null);
        return configured;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 16L * 1024 * 1024 + 1})
    void uploadAndDownloadKeepEveryByte(long size) throws Exception {
        Path source = dir.resolve("source.bin");
        String sha = writeRandomFile(source, size, size);
        Progress up = new Progress();

        WriteResult written = store.upload(source, "files/data.bin", WriteOptions.createOnly(), up);

        assertEquals(sha, server.sha256Of("files/data.bin"));
        assertEquals(Long.toString(server.generation("files/data.bin")), written.etag());
        up.assertEndedAt(size);
        Path target = dir.resolve("target.bin");
        Progress down = new Progress();
        server.clearRequests();
        FileInfo info = store.download("files/data.bin", target, DownloadOptions.createOnly(), down);
        assertEquals(sha, sha256(target));
        assertEquals(written.etag(), info.etag());
        down.assertEndedAt(size);
        List<Request> gets = GcsJsonApiServer.only(server.requests(), Request::isDownload);
        assertEquals(1, gets.size(), "one streamed GET");
        assertEquals(written.etag(), gets.get(0).query().get("ifGenerationMatch"), "pinned to the generation looked up");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count(), "source and target, no temporary file");
        }
    }

    @Test
    void aFileAboveTheChunkSizeIsOneSessionAndOneStreamedPut() throws Exception {
        Path file = dir.resolve("big.bin");
        long size = 5L * CHUNK + 3;
        writeRandomFile(file, size, 1);

        store.upload(file, "big.bin");

        assertEquals(1, GcsJsonApiServer.only(server.requests(), Request::isUploadStart).size());
        assertEquals(List.of("ifGenerationMatch=0"), GcsJsonApiServer.only(server.requests(), Request::isUploadStart).stream()
                .map(r -> "ifGenerationMatch=" + r.query().get("ifGenerationMatch")).toList(), "create-only is the session's precondition");
        List<Request> puts = GcsJsonApiServer.only(server.requests(), Request::isUploadChunk);
        assertEquals(1, puts.size(), "the whole file in one PUT, not in chunks");
        assertEquals("bytes 0-" + (size - 1) + "/" + size, puts.get(0).header("content-range"));
        assertEquals(size, puts.get(0).bodyBytes());
    }

    @Test
    void aFileOfAtMostOneChunkIsOneRequest() throws Exception {
        Path file = dir.resolve("small.bin");
        writeRandomFile(file, CHUNK, 2);

        store.upload(file, "small.bin");

        assertEquals(1, server.requests().size(), "one multipart upload: " + server.requests());
        assertTrue(server.requests().get(0).isMultipartUpload());
        assertEquals("0", server.requests().get(0).query().get("ifGenerationMatch"));
    }

    @Test
    void theSessionCarriesTheContentTypeAndMetadata() throws Exception {
        Path file = dir.resolve("typed.bin");
        writeRandomFile(file, 2L * CHUNK, 3);

        store.upload(file, "typed.csv", WriteOptions.overwrite().withContentType("text/csv").withMetadata(Map.of("owner-id", "42")));

        String resource = server.uploadStartBodies().get(0).replace(" ", "");
        assertTrue(resource.contains("\"contentType\":\"text/csv\""), resource);
        assertTrue(resource.contains("\"metadata\":{\"owner-id\":\"42\"}"), resource);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {10, 3L * 256 * 1024 + 1})
    void createOnlyUploadOntoAnExistingObjectIsRefusedAndLeavesIt(long size) throws Exception {
        byte[] old = random(100, 4);
        long generation = server.put("taken.bin", old);
        Path file = dir.resolve("new.bin");
        writeRandomFile(file, size, 5);

        assertThrows(AlreadyExistsException.class, () -> store.upload(file, "taken.bin", WriteOptions.createOnly()));

        assertArrayEquals(old, server.data("taken.bin"));
        assertEquals(generation, server.generation("taken.bin"));
    }

    @Test
    void createOnlyUploadThatLosesTheRaceIsRefusedWhenGcsFinalisesIt() throws Exception {
        byte[] winner = random(100, 6);
        server.beforeFinalise(r -> server.put("race.bin", winner));
        Path file = dir.resolve("late.bin");
        writeRandomFile(file, 4L * CHUNK, 7);

        assertThrows(AlreadyExistsException.class, () -> store.upload(file, "race.bin", WriteOptions.createOnly()));

        assertArrayEquals(winner, server.data("race.bin"), "the winner's bytes, nothing of ours");
    }

    @Test
    void compareAndSwapUploadReplacesOnlyTheGenerationItNames() throws Exception {
        String v1 = Long.toString(server.put("state.bin", random(10, 8)));
        Path file = dir.resolve("v2.bin");
        String sha = writeRandomFile(file, 3L * CHUNK + 5, 9);

        WriteResult v2 = store.upload(file, "state.bin", WriteOptions.ifMatch(v1));
        assertNotEquals(v1, v2.etag());
        assertEquals(sha, server.sha256Of("state.bin"));

        Path stale = dir.resolve("stale.bin");
        writeRandomFile(stale, 3L * CHUNK, 10);
        assertThrows(PreconditionFailedException.class, () -> store.upload(stale, "state.bin", WriteOptions.ifMatch(v1)));
        assertEquals(v2.etag(), Long.toString(server.generation("state.bin")));
        assertEquals(sha, server.sha256Of("state.bin"));
    }

    @Test
    void compareAndSwapUploadOvertakenBeforeFinalisationIsRefused() throws Exception {
        String v1 = Long.toString(server.put("cas.bin", random(10, 11)));
        byte[] newer = random(20, 12);
        server.beforeFinalise(r -> server.put("cas.bin", newer));
        Path file = dir.resolve("cas.bin");
        writeRandomFile(file, 2L * CHUNK + 1, 13);

        assertThrows(PreconditionFailedException.class, () -> store.upload(file, "cas.bin", WriteOptions.ifMatch(v1)));

        assertArrayEquals(newer, server.data("cas.bin"));
    }

    @Test
    void aLargeUploadReportsProgressAsTheBytesGoOutAndTheWholeSizeWhenGcsConfirms() throws Exception {
        Store counted = Store.of("counted", configuredBackend());
        Path file = dir.resolve("progress.bin");
        long size = 3L * CHUNK + 1;
        String sha = writeRandomFile(file, size, 16);
        Progress up = new Progress();
        List<Long> atFinalisation = new CopyOnWriteArrayList<>();
        server.beforeFinalise(r -> atFinalisation.add(up.lastBytes()));

        counted.upload(file, "progress.bin", WriteOptions.createOnly(), up);

        assertEquals(sha, server.sha256Of("progress.bin"));
        up.assertEndedAt(size);
        assertTrue(up.before().stream().anyMatch(b -> b > 0 && b < size),
                "progress before the end, between 0 and the size: " + up.seen);
        assertTrue(atFinalisation.get(0) < size, "the whole size only after GCS confirmed: " + atFinalisation);
        assertEquals(1, GcsJsonApiServer.only(server.requests(), Request::isUploadChunk).size(), "still one streamed PUT");
    }

    @Test
    void everyIncrementOfALargeUploadIsReportedAsItGoesOutAndNeverPastTheSize() throws Exception {
        GcsBackend counting = configuredBackend();
        Path file = dir.resolve("increments.bin");
        long size = 3L * CHUNK + 1;
        String sha = writeRandomFile(file, size, 17);
        List<Long> increments = new CopyOnWriteArrayList<>();
        List<Long> atFinalisation = new CopyOnWriteArrayList<>();
        server.beforeFinalise(r -> atFinalisation.add(increments.stream().mapToLong(Long::longValue).sum()));

        counting.upload("increments.bin", file, WriteOptions.createOnly(), increments::add);

        assertEquals(sha, server.sha256Of("increments.bin"));
        assertTrue(increments.stream().allMatch(n -> n > 0), "only positive increments (monotonic): " + increments);
        assertEquals(size, increments.stream().mapToLong(Long::longValue).sum(), "exactly the size in all");
        assertTrue(increments.size() > 2, "many steps, not one: " + increments.size());
        assertEquals(size - 1, atFinalisation.get(0), "every byte handed out before GCS confirmed, the last one reported after");
        assertEquals(1L, increments.get(increments.size() - 1), "the confirmation's step");
    }

    @Test
    void aPutResentFromWhatGcsPersistedKeepsProgressMonotonicAndWithinTheSize() throws Exception {
        GcsBackend counting = configuredBackend();
        Path file = dir.resolve("resent.bin");
        long size = 4L * CHUNK + 7;
        String sha = writeRandomFile(file, size, 18);
        server.failNextUploadChunkKeeping(CHUNK + 5); // the first PUT sends all, GCS keeps a part and answers 503
        List<Long> increments = new CopyOnWriteArrayList<>();

        counting.upload("resent.bin", file, WriteOptions.createOnly(), increments::add);

        assertEquals(sha, server.sha256Of("resent.bin"), "the client rewound the file to what was persisted");
        List<Request> puts = GcsJsonApiServer.only(server.requests(), Request::isUploadChunk);
        assertEquals("bytes " + (CHUNK + 5) + "-" + (size - 1) + "/" + size, puts.get(puts.size() - 1).header("content-range"),
                "the resend starts at the persisted offset: " + puts);
        assertTrue(increments.stream().allMatch(n -> n > 0), "never back: " + increments);
        assertEquals(size, increments.stream().mapToLong(Long::longValue).sum(), "the resent bytes are not counted twice");
    }

    @Test
    void anUploadRefusedWhenGcsFinalisesItReportsTheBytesSentButNeverTheWholeSize() throws Exception {
        Store counted = Store.of("counted", configuredBackend());
        byte[] winner = random(100, 19);
        server.beforeFinalise(r -> server.put("refused.bin", winner));
        Path file = dir.resolve("refused.bin");
        long size = 3L * CHUNK + 1;
        writeRandomFile(file, size, 20);
        Progress up = new Progress();

        assertThrows(AlreadyExistsException.class, () -> counted.upload(file, "refused.bin", WriteOptions.createOnly(), up));

        assertArrayEquals(winner, server.data("refused.bin"), "the winner's bytes, nothing of ours");
        TransferProgress end = up.seen.get(up.seen.size() - 1);
        assertTrue(end.finished());
        assertTrue(end.bytesDone() > 0 && end.bytesDone() < size, "the bytes sent, short of the size: " + up.seen);
        assertTrue(up.seen.stream().allMatch(p -> p.bytesDone() < size), "never the whole size: " + up.seen);
    }

    @Test
    void aCreateOnlyUploadOntoAnExistingObjectReportsLessThanTheSizeAndLeavesTheObject() throws Exception {
        Store counted = Store.of("counted", configuredBackend());
        byte[] old = random(100, 21);
        long generation = server.put("existing.bin", old);
        Path file = dir.resolve("existing.bin");
        long size = 3L * CHUNK + 1;
        writeRandomFile(file, size, 22);
        Progress up = new Progress();

        assertThrows(AlreadyExistsException.class, () -> counted.upload(file, "existing.bin", WriteOptions.createOnly(), up));

        assertArrayEquals(old, server.data("existing.bin"));
        assertEquals(generation, server.generation("existing.bin"));
        assertTrue(up.seen.stream().allMatch(p -> p.bytesDone() < size), "never the whole size: " + up.seen);
        assertTrue(up.seen.get(up.seen.size() - 1).finished());
    }

    @Test
    void aClientTheCallerBuiltReportsALargeUploadInOneStepWhenGcsConfirms() throws Exception {
        Path file = dir.resolve("caller.bin");
        long size = 3L * CHUNK + 1;
        writeRandomFile(file, size, 23);
        List<Long> increments = new CopyOnWriteArrayList<>();

        backend.upload("caller.bin", file, WriteOptions.createOnly(), increments::add);

        assertEquals(List.of(size), increments, "the caller's client is not counted: one step at the end");
    }

    @Test
    void aDownloadOfAnObjectReplacedAfterItWasLookedUpFailsAndLeavesNoFile() throws Exception {
        server.put("moving.bin", random(3 * CHUNK, 14));
        server.beforeDownload(r -> server.put("moving.bin", random(10, 15)));
        Path target = dir.resolve("moving.bin");

        assertThrows(PreconditionFailedException.class, () -> store.download("moving.bin", target));

        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Every snapshot a listener saw, checked to be monotonic and to end, finished once, at the size. */
    static final class Progress implements TransferListener {
        private final List<TransferProgress> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(TransferProgress progress) {
            seen.add(progress);
        }

        /** The bytes of the latest snapshot, 0 before the first. */
        long lastBytes() {
            return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).bytesDone();
        }

        /** The bytes of every snapshot before the final one. */
        List<Long> before() {
            return seen.stream().filter(p -> !p.finished()).map(TransferProgress::bytesDone).toList();
        }

        void assertEndedAt(long size) {
            assertFalse(seen.isEmpty());
            long last = -1;
            for (TransferProgress p : seen) {
                assertTrue(p.bytesDone() >= last, "monotonic: " + seen);
                assertTrue(p.bytesDone() <= size, "never above the size: " + seen);
                last = p.bytesDone();
            }
            TransferProgress end = seen.get(seen.size() - 1);
            assertTrue(end.finished());
            assertEquals(size, end.bytesDone());
            assertEquals(size, end.bytesTotal());
            assertEquals(1, seen.stream().filter(TransferProgress::finished).count());
        }
    }

    /** Writes {@code size} seeded random bytes and returns their SHA-256 (hex). */
    static String writeRandomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        MessageDigest digest = GcsJsonApiServer.sha256();
        byte[] chunk = new byte[1024 * 1024];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                random.nextBytes(chunk);
                digest.update(chunk, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                left -= n;
            }
        }
        return GcsJsonApiServer.hex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = GcsJsonApiServer.sha256();
        byte[] buffer = new byte[1024 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return GcsJsonApiServer.hex(digest.digest());
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
