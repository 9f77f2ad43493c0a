package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.Store;
import dev.remotestore.gcs.GcsJsonApiServer.Request;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads through the real google-cloud-storage client against {@link GcsJsonApiServer}, which
 * answers as GCS does: a download with a stale {@code ifGenerationMatch} is 412, a range that
 * starts at or after the end is 416. The in-memory fake has neither, so these are checked here.
 */
class GcsWireReadTest {
    private GcsJsonApiServer server;
    private GcsBackend backend;
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
        backend = GcsBackend.create(storage, GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).build());
        store = Store.of("wire", backend);
    }

    @AfterEach
    void stop() {
        backend.close();
        server.close();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private List<Request> downloads() {
        return GcsJsonApiServer.only(server.requests(), Request::isDownload);
    }

    /** Lands an overwrite with {@code next} just before the first {@code times} downloads are answered. */
    private AtomicInteger overwriteBeforeDownloads(String name, int times, byte[]... next) {
        AtomicInteger landed = new AtomicInteger();
        server.beforeDownload(r -> {
            int n = landed.get();
            if (n < times) {
                server.put(name, next[n % next.length]);
                landed.incrementAndGet();
            }
        });
        return landed;
    }

    /*
     * GCS behaviour modelled: a media download (objects.get with alt=media) sent with
     * ifGenerationMatch=<generation seen in the metadata> is answered 412 Precondition Failed when
     * an overwrite made another generation live in between.
     * https://cloud.google.com/storage/docs/json_api/v1/objects/get (ifGenerationMatch),
     * https://cloud.google.com/storage/docs/json_api/v1/status-codes#412_Precondition_Failed
     * A read that has handed out no byte yet starts again on the new generation.
     */
    @Test
    void aReadThatHasHandedOutNoByteRestartsOnTheGenerationThatIsNowLive() {
        byte[] old = bytes(300 * 1024, 1);
        byte[] replacement = bytes(256 * 1024 + 7, 2);
        long first = server.put("flip.bin", old);
        overwriteBeforeDownloads("flip.bin", 1, replacement);

        assertArrayEquals(replacement, store.readBytes("flip.bin"));

        List<Request> downloads = downloads();
        assertEquals(2, downloads.size(), downloads.toString());
        assertEquals(Long.toString(first), downloads.get(0).query().get("ifGenerationMatch"));
        assertEquals(412, downloads.get(0).status());
        assertEquals(Long.toString(server.generation("flip.bin")), downloads.get(1).query().get("ifGenerationMatch"),
                "the restart is pinned to the generation that is live now");
        assertEquals(2, GcsJsonApiServer.only(server.requests(), Request::isMetadataGet).size(), "the restart looked the object up again");
    }

    /* Same GCS behaviour (412 on a stale ifGenerationMatch, see above), through a seekable channel. */
    @Test
    void aChannelThatHasHandedOutNoByteRestartsOnTheNewGeneration() throws Exception {
        byte[] old = bytes(10_000, 3);
        byte[] replacement = bytes(12_345, 4);
        server.put("t.parquet", old);
        overwriteBeforeDownloads("t.parquet", 1, replacement);

        try (SeekableByteChannel ch = store.openChannel("t.parquet")) {
            ch.position(100);
            ByteBuffer buf = ByteBuffer.allocate(500);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
            assertArrayEquals(Arrays.copyOfRange(replacement, 100, 600), buf.array());
        }
    }

    /*
     * Same GCS behaviour (412 on a stale ifGenerationMatch), for a ranged read; the range is sent as
     * Range: bytes=<from>-<to> (https://cloud.google.com/storage/docs/xml-api/reference-headers#range).
     */
    @Test
    void aRangedReadThatHasHandedOutNoByteRestartsOnTheNewGeneration() throws Exception {
        byte[] old = bytes(50_000, 5);
        byte[] replacement = bytes(60_000, 6);
        server.put("r.bin", old);
        overwriteBeforeDownloads("r.bin", 1, replacement);

        try (InputStream in = store.read("r.bin", ReadOptions.range(1_000, 2_000))) {
            assertArrayEquals(Arrays.copyOfRange(replacement, 1_000, 3_000), in.readAllBytes());
        }
        Request last = downloads().get(downloads().size() - 1);
        assertTrue(last.header("range").startsWith("bytes=1000-"), last.header("range"));
    }

    /* Same GCS behaviour (412 on a stale ifGenerationMatch); restarts are bounded. */
    @Test
    void anObjectThatKeepsChangingFailsWithPreconditionFailedAfterAFewRestarts() {
        server.put("busy.bin", bytes(1_000, 7));
        overwriteBeforeDownloads("busy.bin", Integer.MAX_VALUE, bytes(1_001, 8), bytes(1_002, 9));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> store.readBytes("busy.bin"));
        assertEquals("busy.bin", e.path());
        int downloads = downloads().size();
        assertTrue(downloads >= 2 && downloads <= 1 + GcsReadChannel.MAX_RESTARTS, "bounded: " + downloads);
    }

    /*
     * Same GCS behaviour (412 on a stale ifGenerationMatch). Once bytes of one generation were handed
     * out, the read stays pinned to it: the next download (after a seek) of a replaced object fails
     * with PreconditionFailedException instead of splicing two generations.
     */
    @Test
    void onceBytesWereHandedOutAChangedObjectIsPreconditionFailedNotASplice() throws Exception {
        byte[] old = bytes(6 * 1024 * 1024, 10);
        long pinned = server.put("big.bin", old);

        try (SeekableByteChannel ch = store.openChannel("big.bin")) {
            ByteBuffer head = ByteBuffer.allocate(100);
            assertEquals(100, ch.read(head));
            assertArrayEquals(Arrays.copyOf(old, 100), head.array());

            overwriteBeforeDownloads("big.bin", 1, bytes(6 * 1024 * 1024, 11));
            ch.position(5 * 1024 * 1024);
            PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> ch.read(ByteBuffer.allocate(100)));
            assertEquals("big.bin", e.path());
        }
        Request last = downloads().get(downloads().size() - 1);
        assertEquals(Long.toString(pinned), last.query().get("ifGenerationMatch"), "still pinned to the first generation");
        assertEquals(412, last.status());
    }

    /*
     * Same GCS behaviour (412 on a stale ifGenerationMatch). A channel whose size() was asked has
     * handed out something of its generation (a reader computes offsets from it), so it is pinned
     * even before its first byte.
     */
    @Test
    void aChannelWhoseSizeWasAskedStaysPinned() throws Exception {
        server.put("footer.parquet", bytes(10_000, 14));
        try (SeekableByteChannel ch = store.openChannel("footer.parquet")) {
            assertEquals(10_000, ch.size());
            overwriteBeforeDownloads("footer.parquet", 1, bytes(20_000, 15));
            ch.position(ch.size() - 8);
            assertThrows(PreconditionFailedException.class, () -> ch.read(ByteBuffer.allocate(8)));
        }
        assertEquals(1, downloads().size(), "no restart");
    }

    /* A 404 on the metadata lookup (https://cloud.google.com/storage/docs/json_api/v1/objects/get) is a missing file. */
    @Test
    void aMissingObjectIsNotFound() {
        assertThrows(NotFoundException.class, () -> store.readBytes("nope.bin"));
        assertThrows(NotFoundException.class, () -> store.openChannel("nope.bin"));
    }

    /*
     * GCS behaviour modelled: a download whose Range starts at or after the object's end is answered
     * 416 Requested Range Not Satisfiable
     * (https://cloud.google.com/storage/docs/json_api/v1/status-codes#416_Requested_Range_Not_Satisfiable,
     * https://cloud.google.com/storage/docs/xml-api/reference-headers#range). At the end of a channel
     * that is end-of-file, not an error, and close() stays quiet.
     */
    @Test
    void aChannelAtOrPastTheEndReadsEndOfFileAndClosesQuietly() throws Exception {
        byte[] data = bytes(10_000, 12);
        server.put("r.bin", data);

        SeekableByteChannel ch = store.openChannel("r.bin");
        ch.position(10_000);
        assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        ch.position(10_100);
        assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        ch.position(9_990);
        ByteBuffer tail = ByteBuffer.allocate(10);
        while (tail.hasRemaining() && ch.read(tail) > 0) {
            // fill
        }
        assertArrayEquals(Arrays.copyOfRange(data, 9_990, 10_000), tail.array());
        assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        assertDoesNotThrow(ch::close);
        assertFalse(ch.isOpen());
    }

    /* Same GCS behaviour (416 for a range that starts at or after the end): a ranged read there is empty. */
    @Test
    void aRangedReadPastTheEndIsEmpty() throws Exception {
        server.put("r.bin", bytes(10_000, 13));
        try (InputStream in = store.read("r.bin", ReadOptions.range(10_000, 10))) {
            assertEquals(0, in.readAllBytes().length);
        }
        try (InputStream in = store.read("r.bin", ReadOptions.range(20_000, 10))) {
            assertEquals(0, in.readAllBytes().length);
        }
    }
}
