package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.TransferListener;
import dev.remotestore.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Seeded local files, their SHA-256 (streamed), and a listener that checks a transfer's progress. */
final class TransferFiles {
    private TransferFiles() {
    }

    /** What a listener saw: every snapshot, checked to be monotonic and to end, finished, at the size. */
    static final class Progress implements TransferListener {
        private final List<TransferProgress> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(TransferProgress progress) {
            seen.add(progress);
        }

        void assertEndedAt(long size) {
            assertFalse(seen.isEmpty());
            long last = -1;
            for (TransferProgress p : seen) {
                assertTrue(p.bytesDone() >= last, "monotonic: " + seen);
                last = p.bytesDone();
            }
            TransferProgress end = seen.get(seen.size() - 1);
            assertTrue(end.finished());
            assertEquals(size, end.bytesDone(), "ends at the size");
            assertEquals(size, end.bytesTotal());
            assertEquals(1, seen.stream().filter(TransferProgress::finished).count());
        }
    }

    /** Writes {@code size} seeded random bytes, 1 MiB at a time, and returns their SHA-256. */
    static String writeRandomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        MessageDigest digest = sha();
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
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a file, streamed. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha();
        byte[] buffer = new byte[1024 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha().digest(bytes));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
