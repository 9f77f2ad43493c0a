package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.contract.StoreContractSuite;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is particular to GCS, checked on google-cloud-nio's in-memory fake: the generation is the
 * ETag, metadata and content type round-trip, an aborted stream leaves no object.
 */
class FakeGcsBackendTest {
    private static final String BUCKET = FakeGcsStoreContractTest.BUCKET;
    private static final int CHUNK = GcsConfig.CHUNK_GRANULARITY; // the smallest chunk: a stream soon opens a session

    private Storage storage;
    private Store store;

    @BeforeEach
    void freshFake() {
        storage = LocalStorageHelper.getOptions().getService();
        store = Store.of("fake-gcs", GcsBackend.create(storage, GcsConfig.builder().bucket(BUCKET).chunkSize(CHUNK).build()));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void anAbortedStreamWithinOneChunkLeavesNoObject() {
        try (StoreOutputStream out = store.openOutputStream("a/aborted.bin", WriteOptions.overwrite())) {
            out.write(bytes(CHUNK - 1, 1));
            out.abort();
        }

        assertNull(storage.get(BlobId.of(BUCKET, "a/aborted.bin")), "no object, not even metadata");
        assertFalse(store.isFile("a/aborted.bin"));
        assertFalse(store.isFolder("a"));
    }

    @Test
    void anAbortedStreamPastOneChunkIsNeverFinalised() {
        byte[] old = bytes(1000, 2);
        store.write("big.bin", old, WriteOptions.overwrite());

        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite())) {
            out.write(bytes(3 * CHUNK + 17, 3)); // opens a resumable session and uploads chunks into it
        } // close without commit: the session is abandoned, never finalised

        // The fake records a session's metadata when it opens (GCS does not), so only the bytes
        // can be checked here: the old ones are still the object's, none of the new ones are.
        assertArrayEquals(old, storage.readAllBytes(BlobId.of(BUCKET, "big.bin")));
        assertArrayEquals(old, store.readBytes("big.bin"));
    }

    @Test
    void anAbortedStreamPastOneChunkAtANewKeyHasNoBytes() {
        try (StoreOutputStream out = store.openOutputStream("new.bin", WriteOptions.overwrite())) {
            out.write(bytes(2 * CHUNK + 1, 4));
        }

        StorageException e = assertThrows(StorageException.class, () -> storage.readAllBytes(BlobId.of(BUCKET, "new.bin")));
        assertEquals(404, e.getCode());
    }

    @Test
    void aStreamPastOneChunkCommitsThroughAResumableUploadWithMetadata() {
        byte[] data = bytes(3 * CHUNK + 5, 5);
        WriteOptions options = WriteOptions.overwrite().withContentType("application/x-parquet").withMetadata(Map.of("owner", "etl"));
        WriteResult result;
        try (StoreOutputStream out = store.openOutputStream("t/part-0.parquet", options)) {
            for (int i = 0; i < data.length; i += 4093) {
                out.write(data, i, Math.min(4093, data.length - i));
            }
            result = out.commit();
        }

        assertArrayEquals(data, store.readBytes("t/part-0.parquet"));
        FileInfo info = store.getFileInfo("t/part-0.parquet");
        assertEquals("application/x-parquet", info.contentType().orElseThrow());
        assertEquals(Map.of("owner", "etl"), info.metadata());
        assertEquals(result.etag(), info.etag());
    }

    @Test
    void theEtagIsTheObjectsGeneration() {
        byte[] data = bytes(2 * CHUNK + 3, 6); // past one chunk: the fake gives resumable uploads a generation
        WriteResult written = store.write("g.bin", data, WriteOptions.overwrite());

        Blob blob = storage.get(BlobId.of(BUCKET, "g.bin"));
        assertNotNull(blob.getGeneration());
        assertEquals(Long.toString(blob.getGeneration()), written.etag());
        FileInfo info = store.getFileInfo("g.bin");
        assertEquals(written.etag(), info.etag());
        assertEquals(info.etag(), info.version().orElseThrow(), "the generation is also the version");

        WriteResult copied = store.copy("g.bin", "copy.bin");
        assertEquals(Long.toString(storage.get(BlobId.of(BUCKET, "copy.bin")).getGeneration()), copied.etag());
    }

    @Test
    void anEtagThatIsNoGenerationFailsTheSwapWithoutWriting() {
        store.write("cas.txt", "v1".getBytes(StandardCharsets.UTF_8), WriteOptions.overwrite());

        assertThrows(PreconditionFailedException.class,
                () -> store.write("cas.txt", "v2".getBytes(StandardCharsets.UTF_8), WriteOptions.ifMatch("\"d41d8cd98f00b204e9800998ecf8427e\"")));
        assertThrows(PreconditionFailedException.class,
                () -> store.openOutputStream("cas.txt", WriteOptions.ifMatch("0")).close());

        assertEquals("v1", store.readText("cas.txt"));
    }

    @Test
    void metadataAndContentTypeRoundTripThroughASingleRequestWrite() {
        store.write("doc.json", "{}".getBytes(StandardCharsets.UTF_8),
                WriteOptions.overwrite().withContentType("application/json").withMetadata(Map.of("a-b", "1", "c_d", "two words")));

        FileInfo info = store.getFileInfo("doc.json");
        assertEquals("application/json", info.contentType().orElseThrow());
        assertEquals(Map.of("a-b", "1", "c_d", "two words"), info.metadata());
        Blob blob = storage.get(BlobId.of(BUCKET, "doc.json"));
        assertEquals("application/json", blob.getContentType());
        assertEquals(Map.of("a-b", "1", "c_d", "two words"), blob.getMetadata());
    }

    @Test
    void fileInfoDescribesTheObject() {
        Instant before = Instant.now().minusSeconds(2);
        store.write("d/f.txt", "hello".getBytes(StandardCharsets.UTF_8), WriteOptions.overwrite());

        FileInfo info = store.getFileInfo("d/f.txt");
        assertEquals("d/f.txt", info.path());
        assertEquals("f.txt", info.name());
        assertEquals(5, info.size());
        assertFalse(info.lastModified().isBefore(before), info.lastModified().toString());
        assertFalse(info.lastModified().isAfter(Instant.now().plusSeconds(2)), info.lastModified().toString());
    }

    /** The sizes of ReadWriteContract.writeBytesRoundTripsThroughReadBytesAndRead, which needs an ETag. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024, 5 * 1024 * 1024 + 7})
    void bytesOfEveryContractSizeRoundTrip(int size) throws Exception {
        byte[] data = bytes(size, size);
        store.write("rt.bin", data, WriteOptions.overwrite());

        assertArrayEquals(data, store.readBytes("rt.bin"));
        try (var in = store.read("rt.bin")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(size, store.getFileInfo("rt.bin").size());
    }

    @Test
    void unwrapOffersTheClientAndTheNioFileSystem() {
        assertSame(storage, store.unwrap(Storage.class));
        CloudStorageFileSystem fs = store.unwrap(CloudStorageFileSystem.class);
        assertEquals(BUCKET, fs.bucket());
        assertEquals(BUCKET, store.unwrap(GcsConfig.class).bucket());
    }

    @Test
    void withoutSigningCredentialsPresignIsNotDeclaredAndRefused() {
        assertFalse(store.capabilities().has(Capability.PRESIGN));
        store.write("f.txt", "x".getBytes(StandardCharsets.UTF_8), WriteOptions.overwrite());
        assertThrows(UnsupportedCapabilityException.class, () -> store.presignRead("f.txt", Duration.ofMinutes(5)));
    }

    @Test
    void serviceAccountCredentialsSignV4UrlsOffline() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        ServiceAccountCredentials signer = ServiceAccountCredentials.newBuilder()
                .setClientEmail("test@example-project.iam.gserviceaccount.com")
                .setPrivateKey(rsa.generateKeyPair().getPrivate())
                .setProjectId("example-project")
                .build();
        Storage signing = LocalStorageHelper.getOptions().toBuilder().setCredentials(signer).build().getService();
        Store s = Store.of("signing", GcsBackend.create(signing, GcsConfig.builder().bucket(BUCKET).build()));

        assertTrue(s.capabilities().has(Capability.PRESIGN));
        URI read = s.presignRead("dir/a b.txt", Duration.ofMinutes(15));
        URI write = s.presignWrite("dir/a b.txt", Duration.ofMinutes(15));
        for (URI url : new URI[] {read, write}) {
            assertTrue(url.getRawQuery().contains("X-Goog-Signature="), url.toString());
            assertTrue(url.getRawQuery().contains("X-Goog-Expires=900"), url.toString());
            assertTrue(url.getRawPath().endsWith("/" + BUCKET + "/dir/a%20b.txt"), url.toString());
        }
        assertFalse(read.equals(write), "GET and PUT are signed differently");
        RemoteStoreException tooLong = assertThrows(RemoteStoreException.class, () -> s.presignRead("f", Duration.ofDays(8)));
        assertTrue(tooLong.getMessage().contains("7 days"), tooLong.getMessage());
        assertFalse(s.isFile("dir/a b.txt"), "signing writes nothing");
    }

    @Test
    void theLiveOnlyListNamesRealContractTests() {
        Set<String> contractTests = new HashSet<>();
        for (Method m : StoreContractSuite.class.getMethods()) {
            if (Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getName().startsWith("org.junit.jupiter.api.Test")
                    || a.annotationType().getName().equals("org.junit.jupiter.params.ParameterizedTest"))) {
                contractTests.add(m.getName());
            }
        }
        assertTrue(contractTests.size() > 100, "found the contract's tests: " + contractTests.size());
        for (String name : FakeGcsStoreContractTest.LIVE_GCS_ONLY.keySet()) {
            assertTrue(contractTests.contains(name), "not a contract test (renamed?): " + name);
        }
    }
}
