package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.NotFoundException;
import dev.remotestore.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ranged reads (clipped to the file) and read-only seekable channels. */
public interface RangeAndChannelContract extends StoreFixture {

    int SIZE = 10_000;

    private byte[] tenThousandBytes() {
        byte[] data = randomBytes(SIZE, 10);
        put("r.bin", data);
        return data;
    }

    @Test
    default void rangeInTheMiddleReturnsExactlyThoseBytes() throws IOException {
        byte[] data = tenThousandBytes();

        assertArrayEquals(Arrays.copyOfRange(data, 1234, 1234 + 777), store().readBytes("r.bin", ReadOptions.range(1234, 777)));
        try (InputStream in = store().read("r.bin", ReadOptions.range(1, 1))) {
            assertArrayEquals(new byte[] {data[1]}, in.readAllBytes());
        }
    }

    @Test
    default void rangeToTheEndReturnsTheTail() {
        byte[] data = tenThousandBytes();

        assertArrayEquals(Arrays.copyOfRange(data, 9000, SIZE), store().readBytes("r.bin", ReadOptions.from(9000)));
        assertArrayEquals(data, store().readBytes("r.bin", ReadOptions.from(0)));
        assertArrayEquals(Arrays.copyOfRange(data, 9000, SIZE), store().readBytes("r.bin", ReadOptions.range(9000, SIZE - 9000)));
    }

    @Test
    default void lengthPastTheEndIsClipped() {
        byte[] data = tenThousandBytes();

        assertArrayEquals(Arrays.copyOfRange(data, 9990, SIZE), store().readBytes("r.bin", ReadOptions.range(9990, 500)));
        assertArrayEquals(data, store().readBytes("r.bin", ReadOptions.range(0, Long.MAX_VALUE)));
    }

    @Test
    default void offsetAtOrPastTheEndReadsNothing() {
        tenThousandBytes();

        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.range(SIZE, 10)));
        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.range(SIZE + 5000, 10)));
        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.from(SIZE)));
        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.from(SIZE + 1)));
    }

    @Test
    default void zeroLengthRangeReadsNothing() {
        tenThousandBytes();

        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.range(10, 0)));
        assertArrayEquals(new byte[0], store().readBytes("r.bin", ReadOptions.range(0, 0)));
    }

    @Test
    default void rangesOfAnEmptyFileAreEmpty() {
        put("empty.bin", new byte[0]);

        assertArrayEquals(new byte[0], store().readBytes("empty.bin", ReadOptions.range(0, 10)));
        assertArrayEquals(new byte[0], store().readBytes("empty.bin", ReadOptions.from(3)));
    }

    @Test
    default void rangeOfAMissingFileIsNotFound() {
        assertThrows(NotFoundException.class, () -> store().read("missing.bin", ReadOptions.range(0, 10)));
    }

    @Test
    default void rangeDeepInsideAMultiMebibyteFile() {
        byte[] data = randomBytes(5 * 1024 * 1024 + 3, 11);
        put("big.bin", data);
        int offset = 3 * 1024 * 1024 + 7;

        assertArrayEquals(Arrays.copyOfRange(data, offset, offset + 1024 * 1024),
                store().readBytes("big.bin", ReadOptions.range(offset, 1024 * 1024)));
        assertArrayEquals(Arrays.copyOfRange(data, offset, data.length), store().readBytes("big.bin", ReadOptions.from(offset)));
    }

    @Test
    default void channelReportsTheSizeAndReadsFromAPosition() throws IOException {
        byte[] data = tenThousandBytes();

        try (SeekableByteChannel ch = store().openChannel("r.bin")) {
            assertEquals(SIZE, ch.size());
            assertEquals(0, ch.position());

            ch.position(4321);
            ByteBuffer buf = ByteBuffer.allocate(100);
            readFully(ch, buf);

            assertArrayEquals(Arrays.copyOfRange(data, 4321, 4421), buf.array());
            assertEquals(4421, ch.position());

            ch.position(10);
            buf.clear();
            readFully(ch, buf);
            assertArrayEquals(Arrays.copyOfRange(data, 10, 110), buf.array(), "seeking backwards works");
        }
    }

    @Test
    default void channelReadsTheWholeFileInOddSizedChunks() throws IOException {
        byte[] data = randomBytes(1024 * 1024 + 11, 12);
        put("c.bin", data);

        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (SeekableByteChannel ch = store().openChannel("c.bin")) {
            ByteBuffer buf = ByteBuffer.allocate(4093);
            int n;
            while ((n = ch.read(buf)) != -1) {
                seen.write(buf.array(), 0, n);
                buf.clear();
            }
            assertEquals(data.length, ch.position());
        }

        assertArrayEquals(data, seen.toByteArray());
    }

    @Test
    default void channelAtOrPastTheEndReadsEndOfStream() throws IOException {
        tenThousandBytes();

        try (SeekableByteChannel ch = store().openChannel("r.bin")) {
            ch.position(SIZE);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
            ch.position(SIZE + 100);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    default void channelOfAnEmptyFileHasSizeZero() throws IOException {
        put("empty.bin", new byte[0]);

        try (SeekableByteChannel ch = store().openChannel("empty.bin")) {
            assertEquals(0, ch.size());
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    default void channelIsReadOnly() throws IOException {
        byte[] data = tenThousandBytes();

        try (SeekableByteChannel ch = store().openChannel("r.bin")) {
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            assertThrows(NonWritableChannelException.class, () -> ch.truncate(1));
        }

        assertContent("r.bin", data);
    }

    @Test
    default void channelOfAMissingFileIsNotFound() {
        assertThrows(NotFoundException.class, () -> store().openChannel("missing.bin"));
    }

    private static void readFully(SeekableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new java.io.EOFException("channel ended early at " + ch.position());
            }
        }
    }
}
