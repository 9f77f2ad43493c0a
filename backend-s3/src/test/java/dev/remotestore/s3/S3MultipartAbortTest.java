package dev.remotestore.s3;

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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A streaming write of several parts that is abandoned, or whose commit fails its
 * precondition, leaves no object and no open multipart upload behind (checked on the server
 * with ListMultipartUploads through {@code unwrap(S3Client.class)}).
 */
class S3MultipartAbortTest {
    static final int MIB = 1024 * 1024;
    static final byte[] BIG = randomBytes(12 * MIB, 42); // three parts of 5 MiB, 5 MiB, 2 MiB

    S3TestStores.OpenStore open;
    Store store;
    S3Client s3;

    @BeforeEach
    void open(TestInfo info) {
        open = S3TestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName()))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }")
                .open();
        store = open.store();
        s3 = store.unwrap(S3Client.class);
    }

    @AfterEach
    void close() {
        try {
            store.deleteFolder("", true);
        } finally {
            open.close();
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    List<MultipartUpload> openUploads() {
        return s3.listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(store.rootPath())).uploads();
    }

    void writeInPieces(StoreOutputStream out, byte[] data) {
        for (int off = 0; off < data.length; off += 1_000_003) {
            out.write(data, off, Math.min(1_000_003, data.length - off));
        }
    }

    @Test
    void closeWithoutCommitLeavesNothing() {
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite())) {
            writeInPieces(out, BIG);
            // no commit
        }
        assertFalse(store.isFile("big.bin"));
        assertEquals(List.of(), openUploads(), "the multipart upload was aborted");
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(store.rootPath())).keyCount());
    }

    @Test
    void anExceptionInsideTheTryBlockLeavesNothing() {
        store.write("big.bin", new byte[] {1, 2, 3}, WriteOptions.overwrite());
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> {
            try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite())) {
                writeInPieces(out, BIG);
                throw new IllegalStateException("producer failed");
            }
        });
        assertEquals("producer failed", boom.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, store.readBytes("big.bin"), "the previous file is untouched");
        assertEquals(List.of(), openUploads());
    }

    @Test
    void abortIsIdempotentAndWritingAfterItFails() {
        StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.overwrite());
        writeInPieces(out, BIG);
        out.abort();
        out.abort();
        out.close();
        assertThrows(IllegalStateException.class, () -> out.write(1));
        assertFalse(store.isFile("big.bin"));
        assertEquals(List.of(), openUploads());
    }

    @Test
    void createOnlyCommitOntoAnExistingFileLeavesNoUpload() {
        store.write("big.bin", new byte[] {9}, WriteOptions.overwrite());
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.createOnly())) {
            writeInPieces(out, BIG);
            assertThrows(AlreadyExistsException.class, out::commit);
            assertFalse(out.isCommitted());
        }
        assertArrayEquals(new byte[] {9}, store.readBytes("big.bin"));
        assertEquals(List.of(), openUploads(), "the failed completion's upload was aborted");
    }

    @Test
    void staleCompareAndSwapCommitLeavesNoUpload() {
        String stale = store.write("big.bin", new byte[] {1}, WriteOptions.overwrite()).etag();
        store.write("big.bin", new byte[] {2}, WriteOptions.overwrite());
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.ifMatch(stale))) {
            writeInPieces(out, BIG);
            assertThrows(PreconditionFailedException.class, out::commit);
        }
        assertArrayEquals(new byte[] {2}, store.readBytes("big.bin"));
        assertEquals(List.of(), openUploads());
    }

    @Test
    void aCommittedMultipartWriteIsWholeAndLeavesNoUpload() {
        String etag;
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.createOnly())) {
            writeInPieces(out, BIG);
            etag = out.commit().etag();
        }
        assertArrayEquals(BIG, store.readBytes("big.bin"));
        assertEquals(etag, store.getFileInfo("big.bin").etag());
        assertTrue(etag.contains("-3"), "three parts: multipart ETag, was " + etag);
        assertEquals(List.of(), openUploads());
    }

    @Test
    void writesOfExactMultiplesOfThePartSizeCommit() {
        // 5 MiB = threshold (single PUT), 10 and 15 MiB = multipart with no partial last part
        for (int mib : new int[] {5, 10, 15}) {
            byte[] data = randomBytes(mib * MIB, mib);
            String path = "exact-" + mib + ".bin";
            try (StoreOutputStream out = store.openOutputStream(path, WriteOptions.createOnly())) {
                writeInPieces(out, data);
                out.commit();
            }
            assertArrayEquals(data, store.readBytes(path), path);
        }
        assertEquals(List.of(), openUploads());
    }
}
