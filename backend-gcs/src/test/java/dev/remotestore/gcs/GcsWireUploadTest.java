package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.gcs.GcsJsonApiServer.Request;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming writes through the real google-cloud-storage client against {@link GcsJsonApiServer}:
 * {@code chunk-size} is the size of every chunk of the resumable upload, and so the stream's memory.
 *
 * <p>GCS behaviour modelled: a resumable upload starts with a POST ({@code uploadType=resumable})
 * answered with the session URI; each chunk is a PUT with {@code Content-Range: bytes a-b/*}, a
 * multiple of 256 KiB except the last, answered 308 with {@code Range: bytes=0-b} while the upload
 * is incomplete, and the last one ({@code bytes a-b/total}) is answered 200 with the object
 * (https://cloud.google.com/storage/docs/performing-resumable-uploads ,
 * https://cloud.google.com/storage/docs/json_api/v1/objects/insert).
 */
class GcsWireUploadTest {
    private static final int CHUNK = 256 * 1024;

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
        backend = GcsBackend.create(storage, GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).chunkSize(CHUNK).build());
        store = Store.of("wire", backend);
    }

    @AfterEach
    void stop() {
        backend.close();
        server.close();
    }

    private List<Request> chunks() {
        return GcsJsonApiServer.only(server.requests(), Request::isUploadChunk);
    }

    @Test
    void aStreamGoesOutAsOneSessionAndChunksOfTheConfiguredSize() {
        byte[] data = new byte[8 * CHUNK + 17];
        new Random(1).nextBytes(data);

        WriteResult result;
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite())) {
            for (int i = 0; i < data.length; i += 10_000) {
                out.write(data, i, Math.min(10_000, data.length - i));
            }
            result = out.commit();
        }

        assertArrayEquals(data, server.data("big.bin"));
        assertEquals(Long.toString(server.generation("big.bin")), result.etag());
        assertEquals(1, GcsJsonApiServer.only(server.requests(), Request::isUploadStart).size());
        List<Request> chunks = chunks();
        assertEquals(9, chunks.size(), "8 chunks of 256 KiB and the 17-byte rest: " + describe(chunks));
        long offset = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Request put = chunks.get(i);
            long expected = i < 8 ? CHUNK : 17;
            assertEquals(expected, put.bodyBytes(), "chunk " + i + ": " + put.header("content-range"));
            Matcher m = Pattern.compile("bytes (\\d+)-(\\d+)/(\\*|\\d+)").matcher(put.header("content-range"));
            assertTrue(m.matches(), put.header("content-range"));
            assertEquals(offset, Long.parseLong(m.group(1)));
            assertEquals(i < 8 ? "*" : Integer.toString(data.length), m.group(3));
            assertEquals(i < 8 ? 308 : 200, put.status());
            offset += expected;
        }
    }

    /**
     * A long stream keeps about two chunks in memory, whatever its length: the heap in use (after a
     * full collection) is sampled every 8 MiB while 64 MiB go out; the server only hashes what it
     * receives, so it holds nothing.
     */
    @Test
    void aLongStreamsMemoryStaysNearTwoChunks() throws Exception {
        server.keepUploads(false);
        long total = 64L * 1024 * 1024;
        byte[] piece = new byte[64 * 1024];
        new Random(2).nextBytes(piece);
        MessageDigest sent = GcsJsonApiServer.sha256();

        long baseline = usedHeapAfterGc();
        long peak = 0;
        try (StoreOutputStream out = store.openOutputStream("long.bin", WriteOptions.overwrite())) {
            for (long written = 0; written < total; written += piece.length) {
                out.write(piece);
                sent.update(piece);
                if ((written + piece.length) % (8L * 1024 * 1024) == 0) {
                    peak = Math.max(peak, usedHeapAfterGc() - baseline);
                }
                if (Boolean.getBoolean("gcs.test.printHeap") && (written + piece.length) == total) {
                    System.out.println("peak retained heap while streaming: " + peak + " bytes");
                }
            }
            out.commit();
        }

        assertEquals(total, server.sizeOf("long.bin"));
        assertEquals(GcsJsonApiServer.hex(sent.digest()), server.sha256Of("long.bin"));
        assertTrue(peak < 4L * 1024 * 1024, "retained while streaming 64 MiB with 256 KiB chunks: " + peak + " bytes");
        List<Request> withBytes = GcsJsonApiServer.only(chunks(), r -> r.bodyBytes() > 0);
        assertEquals(total / CHUNK, withBytes.size(), describe(chunks()));
        assertTrue(withBytes.stream().allMatch(r -> r.bodyBytes() == CHUNK), describe(chunks()));
        assertTrue(chunks().size() <= total / CHUNK + 1, "at most an empty PUT that finalises the upload: " + describe(chunks()));
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String describe(List<Request> puts) {
        StringBuilder sb = new StringBuilder();
        for (Request r : puts) {
            sb.append(r.header("content-range")).append(" (").append(r.bodyBytes()).append(" bytes) ");
        }
        return sb.toString();
    }
}
