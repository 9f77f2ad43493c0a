package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code openOutputStream} and {@code write(path, options, writer)}: nothing is visible before the
 * commit, a failure or a close without commit aborts and leaves nothing (or the old file intact).
 */
public interface StreamingWriteContract extends StoreFixture {

    @Test
    default void exceptionInsideTryWithResourcesLeavesNothingAtANewPath() {
        IllegalStateException thrown = new IllegalStateException("contract: producer failed");

        IllegalStateException seen = assertThrows(IllegalStateException.class, () -> {
            try (StoreOutputStream out = store().openOutputStream("new.bin", WriteOptions.overwrite())) {
                out.write(randomBytes(100_000, 1));
                throw thrown;
            }
        });

        assertSame(thrown, seen);
        assertFalse(store().isFile("new.bin"));
        assertEquals(Set.of(), allPaths(), "no temporary or partial file is visible");
    }

    @Test
    default void exceptionInsideTryWithResourcesKeepsTheOldFile() {
        byte[] old = randomBytes(5000, 2);
        put("old.bin", old);

        assertThrows(IllegalStateException.class, () -> {
            try (StoreOutputStream out = store().openOutputStream("old.bin", WriteOptions.overwrite())) {
                out.write(randomBytes(100_000, 3));
                throw new IllegalStateException("contract: producer failed");
            }
        });

        assertContent("old.bin", old);
        assertEquals(Set.of("old.bin"), allPaths());
    }

    @Test
    default void closeWithoutCommitAborts() throws IOException {
        StoreOutputStream out = store().openOutputStream("aborted.bin", WriteOptions.overwrite());
        out.write(utf8("never visible"));
        out.close();

        assertFalse(out.isCommitted());
        assertFalse(store().isFile("aborted.bin"));
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void abortIsIdempotentAndACommitAfterItFails() throws IOException {
        StoreOutputStream out = store().openOutputStream("aborted.bin", WriteOptions.overwrite());
        out.write(utf8("never visible"));
        out.abort();
        out.abort();

        assertThrows(IllegalStateException.class, out::commit);
        out.close();
        assertFalse(store().isFile("aborted.bin"));
    }

    @Test
    default void commitThenCloseKeepsTheFile() throws IOException {
        StoreOutputStream out = store().openOutputStream("kept.bin", WriteOptions.overwrite());
        out.write(utf8("kept"));
        WriteResult result = out.commit();
        out.close();

        assertTrue(out.isCommitted());
        assertEquals("kept.bin", result.path());
        assertEquals(result.etag(), store().getFileInfo("kept.bin").etag());
        assertText("kept.bin", "kept");
    }

    @Test
    default void aSecondCommitFailsAndLeavesTheFile() throws IOException {
        try (StoreOutputStream out = store().openOutputStream("once.bin", WriteOptions.overwrite())) {
            out.write(utf8("once"));
            out.commit();
            assertThrows(IllegalStateException.class, out::commit);
        }

        assertText("once.bin", "once");
    }

    @Test
    default void nothingIsVisibleBeforeCommitForANewFile() throws IOException {
        try (StoreOutputStream out = store().openOutputStream("dir/pending.bin", WriteOptions.overwrite())) {
            out.write(randomBytes(200_000, 4));
            out.flush();

            assertFalse(store().isFile("dir/pending.bin"));
            assertFalse(store().exists("dir/pending.bin"));
            assertEquals(Set.of(), allPaths(), "a pending write is not listed");

            out.commit();
        }
        assertTrue(store().isFile("dir/pending.bin"));
    }

    @Test
    default void oldContentStaysVisibleBeforeCommitForAnExistingFile() throws IOException {
        byte[] old = randomBytes(3000, 5);
        byte[] replacement = randomBytes(200_000, 6);
        put("doc.bin", old);

        try (StoreOutputStream out = store().openOutputStream("doc.bin", WriteOptions.overwrite())) {
            out.write(replacement);
            out.flush();

            assertContent("doc.bin", old);
            assertEquals(old.length, store().getFileInfo("doc.bin").size());

            out.commit();
        }
        assertContent("doc.bin", replacement);
    }

    @Test
    default void multiMebibyteFileStreamsInSmallChunks() throws IOException {
        byte[] data = randomBytes(6 * 1024 * 1024 + 5, 7);

        try (StoreOutputStream out = store().openOutputStream("big.bin", WriteOptions.overwrite())) {
            int pos = 0;
            int chunk = 1;
            while (pos < data.length) {
                if (chunk % 97 == 0) {
                    out.write(data[pos]); // single-byte writes mixed in
                    pos++;
                } else {
                    int n = Math.min(4093, data.length - pos);
                    out.write(data, pos, n);
                    pos += n;
                }
                chunk++;
            }
            out.commit();
        }

        assertEquals(data.length, store().getFileInfo("big.bin").size());
        assertContent("big.bin", data);
    }

    @Test
    default void emptyStreamCommitsAnEmptyFile() {
        try (StoreOutputStream out = store().openOutputStream("empty.bin", WriteOptions.overwrite())) {
            out.commit();
        }

        assertTrue(store().isFile("empty.bin"));
        assertArrayEquals(new byte[0], store().readBytes("empty.bin"));
    }

    @Test
    default void streamWriterIOExceptionLeavesNothingAndRaisesRemoteStoreException() {
        IOException failure = new IOException("contract: writer failed");

        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> store().write("w.bin", WriteOptions.overwrite(), out -> {
                    out.write(randomBytes(100_000, 8));
                    throw failure;
                }));

        assertSame(failure, e.getCause());
        assertFalse(store().isFile("w.bin"));
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void streamWriterRuntimeExceptionPropagatesUnchangedAndLeavesNothing() {
        IllegalArgumentException failure = new IllegalArgumentException("contract: writer failed");

        IllegalArgumentException seen = assertThrows(IllegalArgumentException.class,
                () -> store().write("w.bin", WriteOptions.overwrite(), out -> {
                    out.write(randomBytes(100_000, 9));
                    throw failure;
                }));

        assertSame(failure, seen);
        assertFalse(store().isFile("w.bin"));
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void failingStreamWriterKeepsTheOldFile() {
        put("w.bin", "old");

        assertThrows(IllegalArgumentException.class, () -> store().write("w.bin", WriteOptions.overwrite(), out -> {
            out.write(utf8("new and partial"));
            throw new IllegalArgumentException("contract: writer failed");
        }));

        assertText("w.bin", "old");
    }
}
