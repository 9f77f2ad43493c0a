package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3ProxyServer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Create-only and compare-and-swap hold on the CRT's multipart path: a 24 MiB write (three
 * 8 MiB parts) goes through CreateMultipartUpload / UploadPart / CompleteMultipartUpload, and
 * the counting proxy shows that the CompleteMultipartUpload carries the write's
 * {@code If-None-Match: *} or {@code If-Match}; the server then refuses the write and the old
 * object stays, with no multipart upload left behind. Also: a stream closed without commit
 * leaves no object and no upload.
 */
class S3CrtConditionalMultipartTest {
    static final int SIZE = 24 * 1024 * 1024;

    static S3ProxyServer server;
    static CountingProxy proxy;
    static CrtTestStores.OpenStore open;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.shared();
        proxy = new CountingProxy(server.endpoint());
        open = CrtTestStores.on(server).endpoint(proxy.endpoint())
                .rootPath(S3ProxyServer.uniquePrefix("crt-conditional")).open();
        store = open.store();
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.store().deleteFolder("", true);
            open.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    static byte[] bytes(long seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The CompleteMultipartUpload requests recorded since the last clear. */
    static List<CountingProxy.Request> completions() {
        return proxy.requests(r -> r.method().equals("POST") && r.hasQuery("uploadId"));
    }

    void assertNoUploadsLeft() {
        S3Client s3 = store.unwrap(S3Client.class);
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(server.bucket())).uploads().stream()
                .filter(u -> u.key().contains("crt-conditional")).toList(), "no multipart upload may be left behind");
    }

    @Test
    void createOnlyMultipartWriteCarriesIfNoneMatchToTheCompletionAndFailsWhenTheObjectExists() {
        byte[] first = bytes(1);
        proxy.clear();
        store.write("create-only.bin", first, WriteOptions.createOnly());
        List<CountingProxy.Request> completions = completions();
        assertEquals(1, completions.size(), "one CompleteMultipartUpload: " + proxy.requests());
        assertEquals("*", completions.get(0).header("If-None-Match"), "the CRT forwards If-None-Match to the completion");
        assertTrue(proxy.requests(r -> r.method().equals("PUT") && r.hasQuery("partNumber")).size() >= 3, "several parts");

        proxy.clear();
        assertThrows(AlreadyExistsException.class, () -> store.write("create-only.bin", bytes(2), WriteOptions.createOnly()));
        assertEquals(1, completions().size(), "the second write reached the completion, where S3 refused it");
        assertArrayEquals(first, store.readBytes("create-only.bin"), "the first object stays");
        assertNoUploadsLeft();
    }

    @Test
    void createOnlyStreamingWriteOfMultipartSizeFailsWhenTheObjectExists() {
        byte[] first = bytes(3);
        store.write("stream-create-only.bin", first, WriteOptions.overwrite());
        proxy.clear();
        assertThrows(AlreadyExistsException.class, () -> {
            try (StoreOutputStream out = store.openOutputStream("stream-create-only.bin", WriteOptions.createOnly())) {
                out.write(bytes(4));
                out.commit();
            }
        });
        assertEquals("*", completions().get(0).header("If-None-Match"));
        assertArrayEquals(first, store.readBytes("stream-create-only.bin"));
        assertNoUploadsLeft();
    }

    @Test
    void compareAndSwapMultipartWriteCarriesIfMatchToTheCompletion() {
        WriteResult v1 = store.write("cas.bin", bytes(5), WriteOptions.overwrite());
        byte[] second = bytes(6);
        proxy.clear();
        WriteResult v2 = store.write("cas.bin", second, WriteOptions.ifMatch(v1.etag()));
        assertEquals(v1.etag(), completions().get(0).header("If-Match"), "the CRT forwards If-Match to the completion");
        assertArrayEquals(second, store.readBytes("cas.bin"));

        proxy.clear();
        assertThrows(PreconditionFailedException.class,
                () -> store.write("cas.bin", bytes(7), WriteOptions.ifMatch(v1.etag())), "a stale ETag is refused");
        assertEquals(v1.etag(), completions().get(0).header("If-Match"));
        assertArrayEquals(second, store.readBytes("cas.bin"), "the swapped object stays");
        assertEquals(v2.etag(), store.getFileInfo("cas.bin").etag());
        assertNoUploadsLeft();
    }

    @Test
    void streamClosedWithoutCommitLeavesNoObjectAndNoUpload() {
        proxy.clear();
        try (StoreOutputStream out = store.openOutputStream("abandoned.bin", WriteOptions.overwrite())) {
            out.write(bytes(8)); // three parts' worth: the multipart upload has started
        }
        assertFalse(store.isFile("abandoned.bin"), "nothing may appear");
        assertTrue(proxy.requests(r -> r.method().equals("POST") && r.hasQuery("uploads")).size() == 1,
                "the write had started a multipart upload: " + proxy.requests());
        assertEquals(List.of(), completions(), "the upload was never completed");
        assertNoUploadsLeft();
    }
}
