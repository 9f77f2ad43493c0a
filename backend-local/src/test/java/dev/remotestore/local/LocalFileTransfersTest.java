package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.spi.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend's upload and download fast paths, and the default paths on the memory backend. */
class LocalFileTransfersTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private LocalBackend local;
    private MemoryBackend memory;

    @AfterEach
    void close() {
        if (local != null) {
            local.close();
        }
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void anUploadOfAFileThatGrowsWhileItIsCopiedFailsAndLeavesNoTempFile() throws IOException {
        local = LocalBackend.create(root);
        Store store = Store.of("loc", local);
        Path file = Files.write(outside.resolve("growing.bin"), new byte[1 << 20]);
        AtomicBoolean grown = new AtomicBoolean();

        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> store.upload(file, "g.bin",
                WriteOptions.overwrite(), p -> {
                    if (!p.finished() && grown.compareAndSet(false, true)) {
                        append(file, new byte[1000]);
                    }
                }));

        assertTrue(grown.get());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(store.isFile("g.bin"));
        assertEquals(List.of(), everythingUnder(root), "no temp file and no folder left behind");
    }

    @Test
    void theUploadFastPathReportsProgressInChunksAndPublishesCreateOnly() throws IOException {
        local = LocalBackend.create(root);
        byte[] bytes = new byte[(int) (LocalFileTransfers.CHUNK * 2 + 5)];
        new java.util.Random(3).nextBytes(bytes);
        Path file = Files.write(outside.resolve("big.bin"), bytes);
        AtomicLong calls = new AtomicLong();
        AtomicLong sum = new AtomicLong();

        local.upload("a/b.bin", file, WriteOptions.createOnly(), n -> {
            calls.incrementAndGet();
            sum.addAndGet(n);
        });

        assertEquals(3, calls.get(), "one call per chunk");
        assertEquals(bytes.length, sum.get());
        assertArrayEquals(bytes, Files.readAllBytes(root.resolve("a/b.bin")));
        assertThrows(dev.remotestore.AlreadyExistsException.class,
                () -> local.upload("a/b.bin", file, WriteOptions.createOnly(), n -> { }));
    }

    @Test
    void aLocalDownloadOfAVersionThatWasReplacedFailsWithPreconditionFailed() throws IOException {
        local = LocalBackend.create(root);
        assertStaleDownloadRefused(local);
    }

    @Test
    void theDefaultDownloadOfAVersionThatWasReplacedFailsWithPreconditionFailed() throws IOException {
        memory = MemoryBackend.create();
        assertStaleDownloadRefused(memory);
    }

    private void assertStaleDownloadRefused(Backend backend) throws IOException {
        backend.write("f.txt", "first".getBytes(), WriteOptions.overwrite());
        FileInfo first = backend.getFileInfo("f.txt");
        backend.write("f.txt", "again".getBytes(), WriteOptions.overwrite()); // same size, another version
        Path target = Files.createFile(outside.resolve("t.bin"));

        assertThrows(PreconditionFailedException.class, () -> backend.download("f.txt", first, target, n -> { }));

        backend.download("f.txt", backend.getFileInfo("f.txt"), target, n -> { });
        assertEquals("again", Files.readString(target));
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).toList();
        }
    }
}
