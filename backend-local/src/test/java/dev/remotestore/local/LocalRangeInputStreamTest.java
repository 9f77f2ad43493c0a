package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code readAllBytes} sizes its array from the file, and still returns exactly what is there. */
class LocalRangeInputStreamTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private LocalRangeInputStream open(Path file, long offset, long length) throws IOException {
        return new LocalRangeInputStream(FileChannel.open(file, StandardOpenOption.READ), "k", offset, length);
    }

    @Test
    void wholeFileAndRanges() throws IOException {
        byte[] data = bytes(40_000, 1);
        Path file = Files.write(dir.resolve("f"), data);
        try (LocalRangeInputStream in = open(file, 0, Long.MAX_VALUE)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (LocalRangeInputStream in = open(file, 100, 1000)) {
            assertArrayEquals(Arrays.copyOfRange(data, 100, 1100), in.readAllBytes());
        }
        try (LocalRangeInputStream in = open(file, 39_990, Long.MAX_VALUE)) {
            assertEquals(10, in.read(new byte[3]) + in.readAllBytes().length);
        }
        try (LocalRangeInputStream in = open(file, 50_000, Long.MAX_VALUE)) {
            assertEquals(0, in.readAllBytes().length, "an offset past the end reads nothing");
        }
        try (LocalRangeInputStream in = open(Files.write(dir.resolve("empty"), new byte[0]), 0, Long.MAX_VALUE)) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    @Test
    void aFileThatGrowsOrShrinksAfterTheOpenIsReadAsItIsThen() throws IOException {
        byte[] data = bytes(20_000, 2);
        Path file = Files.write(dir.resolve("grows"), data);
        try (LocalRangeInputStream in = open(file, 0, Long.MAX_VALUE)) {
            assertEquals(0, in.read(new byte[0]));
            byte[] more = bytes(5_000, 3);
            Files.write(file, more, StandardOpenOption.APPEND); // another tool appends in place
            byte[] expected = Arrays.copyOf(data, data.length + more.length);
            System.arraycopy(more, 0, expected, data.length, more.length);
            assertArrayEquals(expected, in.readAllBytes());
        }
        Path shrinks = Files.write(dir.resolve("shrinks"), data);
        try (LocalRangeInputStream in = open(shrinks, 0, Long.MAX_VALUE);
                FileChannel truncate = FileChannel.open(shrinks, StandardOpenOption.WRITE)) {
            truncate.truncate(7_000);
            assertArrayEquals(Arrays.copyOf(data, 7_000), in.readAllBytes());
            truncate.write(ByteBuffer.wrap(new byte[] {9}), 7_000);
        }
    }
}
