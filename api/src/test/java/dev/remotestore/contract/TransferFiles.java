package dev.remotestore.contract;

import dev.remotestore.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Local files for the transfer contract: seeded pseudo-random content, streaming SHA-256, leftovers. */
public final class TransferFiles {
    /** Large files, written once per JVM and size, shared by every suite of the test run. */
    private static final Map<Long, Path> LARGE = new ConcurrentHashMap<>();

    private TransferFiles() {
    }

    /** Writes {@code size} pseudo-random bytes (the same for the same seed) to {@code file}. */
    public static Path write(Path file, long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long left = size; left > 0; ) {
                buffer.clear();
                while (buffer.remaining() >= Long.BYTES) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip();
                buffer.limit((int) Math.min(buffer.limit(), left));
                left -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A pseudo-random file of {@code size} bytes in the temp folder, written on first use and
     * reused by every test of this JVM that asks for the same size; removed when the JVM exits.
     */
    public static Path large(long size) {
        return LARGE.computeIfAbsent(size, s -> {
            try {
                Path file = Files.createTempFile("rs-transfer-" + s + "-", ".bin");
                file.toFile().deleteOnExit();
                return write(file, s, 0x5eed_0000L + s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a stored file, read as a stream. */
    public static String sha256(Store store, String path) {
        try (InputStream in = store.read(path)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            byte[] buffer = new byte[1 << 20];
            while (d.read(buffer) >= 0) {
                // digesting
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The names in {@code dir} that a download's temporary files would have. */
    public static List<String> partFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rs-part")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
