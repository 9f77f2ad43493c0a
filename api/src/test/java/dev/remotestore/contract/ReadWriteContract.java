package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.NotFoundException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole-file reads and writes: every overload round-trips the bytes, whatever the size. */
public interface ReadWriteContract extends StoreFixture {

    /** 0 bytes, 1 byte, 1 KiB and a little over 5 MiB (not a multiple of any part size). */
    int FIVE_MIB_AND_SOME = 5 * 1024 * 1024 + 17;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1024, FIVE_MIB_AND_SOME})
    default void writeBytesRoundTripsThroughReadBytesAndRead(int size) throws IOException {
        byte[] data = randomBytes(size, size);
        WriteResult result = store().write("data/blob.bin", data, WriteOptions.overwrite());

        assertEquals("data/blob.bin", result.path());
        // the returned ETag is checked by writeResultEtagIsTheStoredEtag
        assertArrayEquals(data, store().readBytes("data/blob.bin"));
        try (InputStream in = store().read("data/blob.bin")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(size, store().getFileInfo("data/blob.bin").size());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1024, FIVE_MIB_AND_SOME})
    default void writeFromInputStreamRoundTrips(int size) {
        byte[] data = randomBytes(size, 31L * size);
        InputStream source = new ByteArrayInputStream(data);

        WriteResult result = store().write("streamed.bin", source, WriteOptions.overwrite());

        assertEquals("streamed.bin", result.path());
        assertContent("streamed.bin", data);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1024, FIVE_MIB_AND_SOME})
    default void writeWithStreamWriterRoundTrips(int size) {
        byte[] data = randomBytes(size, 7L * size + 1);

        WriteResult result = store().write("written.bin", WriteOptions.overwrite(), out -> {
            int half = data.length / 2;
            out.write(data, 0, half);
            out.write(data, half, data.length - half);
        });

        assertEquals("written.bin", result.path());
        assertContent("written.bin", data);
    }

    @Test
    default void writeTextRoundTripsThroughReadTextAsUtf8() {
        String text = "plain ascii, é, 中文, 😀 and a combining e\u0301\n";

        store().writeText("notes/text.txt", text, WriteOptions.overwrite());

        assertEquals(text, store().readText("notes/text.txt"));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), store().readBytes("notes/text.txt"));
    }

    @Test
    default void readTextDecodesWithTheGivenCharset() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        put("latin1.txt", latin1);

        assertEquals("caf\u00e9", store().readText("latin1.txt", StandardCharsets.ISO_8859_1));
    }

    @Test
    default void emptyFileExistsAndReadsAsNoBytes() {
        put("empty", new byte[0]);

        assertTrue(store().isFile("empty"));
        assertEquals(0, store().getFileInfo("empty").size());
        assertArrayEquals(new byte[0], store().readBytes("empty"));
        assertEquals("", store().readText("empty"));
    }

    @Test
    default void overwriteReplacesTheWholeContent() {
        put("f.bin", randomBytes(10_000, 1));
        byte[] shorter = randomBytes(10, 2);

        put("f.bin", shorter);

        assertContent("f.bin", shorter);
    }

    @Test
    default void readOfMissingFileFailsAtTheCallNotAtTheFirstByte() {
        assertThrows(NotFoundException.class, () -> store().read("missing.bin"));
        assertThrows(NotFoundException.class, () -> store().readBytes("missing.bin"));
        assertThrows(NotFoundException.class, () -> store().readText("missing/nested.txt"));
    }

    @Test
    default void readingAFolderAsAFileIsNotFound() {
        put("folder/inside.txt", "x");

        assertThrows(NotFoundException.class, () -> store().read("folder"));
        assertThrows(NotFoundException.class, () -> store().readBytes("folder"));
    }

    @Test
    default void writeFromFailingInputStreamWritesNothing() {
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> store().write("partial.bin", new FailingInputStream(300_000), WriteOptions.overwrite()));

        assertTrue(FailingInputStream.causedBy(e), "the input's IOException is the cause: " + e);
        assertFalse(store().isFile("partial.bin"), "a failed input leaves nothing");
        assertEquals(Set.of(), allPaths(), "no temporary or partial file is visible");
    }

    @Test
    default void writeFromFailingInputStreamKeepsTheOldContent() {
        byte[] old = randomBytes(4096, 3);
        put("kept.bin", old);

        assertThrows(RemoteStoreException.class,
                () -> store().write("kept.bin", new FailingInputStream(300_000), WriteOptions.overwrite()));

        assertContent("kept.bin", old);
        assertEquals(Set.of("kept.bin"), allPaths());
    }

    @Test
    default void writeIntoNewNestedFoldersCreatesThem() {
        put("a/b/c/d/e.txt", "deep");

        assertText("a/b/c/d/e.txt", "deep");
        assertTrue(store().isFolder("a/b/c/d"));
    }

    /** Yields pseudo-random bytes, then fails with an IOException whose message it recognises. */
    final class FailingInputStream extends InputStream {
        static final String MESSAGE = "contract: the source broke midway";
        private final byte[] data;
        private int position;

        FailingInputStream(int bytesBeforeFailure) {
            this.data = randomBytes(bytesBeforeFailure, bytesBeforeFailure);
        }

        @Override
        public int read() throws IOException {
            if (position >= data.length) {
                throw new IOException(MESSAGE);
            }
            return data[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                throw new IOException(MESSAGE);
            }
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }

        static boolean causedBy(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof IOException && MESSAGE.equals(c.getMessage())) {
                    return true;
                }
            }
            return false;
        }
    }
}
