package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingListener;
import dev.remotestore.testing.RecordingListener.Ended;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers and uploads/downloads in the api itself, on the in-memory recording backend. */
class TransfersTest {
    @TempDir
    Path dir;

    private static Store memory(String name) {
        return Store.of(name, RecordingBackend.withCapabilities(Capabilities.all()));
    }

    @Test
    void skipSameDoesNotTrustEqualEtagsOfTwoBackendsAndComparesTheBytes() {
        Store from = memory("from");
        Store to = memory("to");
        from.writeText("f/a.txt", "AAAA", WriteOptions.overwrite());
        to.writeText("g/a.txt", "BBBB", WriteOptions.overwrite());
        // both backends count their ETags from 1: equal tags, equal sizes, different bytes
        assertEquals(from.getFileInfo("f/a.txt").etag(), to.getFileInfo("g/a.txt").etag());

        TransferSummary summary = Transfers.copyFolder(from, "f", to, "g",
                FolderCopyOptions.defaults().existing(FolderCopyOptions.Existing.SKIP_SAME));

        assertEquals(new TransferSummary(1, 4, 0, List.of()), summary);
        assertEquals("AAAA", to.readText("g/a.txt"));
    }

    @Test
    void aCopyBetweenTwoStoresOfOneBackendIsServerSideObservedAndNamesTheTargetStoreInErrors() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        RecordingListener listener = new RecordingListener();
        Store a = Store.of("A", backend, "ra").observed(List.of(listener));
        Store b = Store.of("B", backend, "rb");
        a.writeText("x.txt", "hello", WriteOptions.overwrite());
        b.writeText("taken.txt", "theirs", WriteOptions.overwrite());
        int before = backend.calls().size();

        WriteResult result = Transfers.copy(a, "x.txt", b, "y.txt");

        assertEquals("y.txt", result.path());
        assertEquals("hello", b.readText("y.txt"));
        List<String> calls = backend.calls().subList(before, backend.calls().size());
        assertTrue(calls.contains("copy:ra/x.txt->rb/y.txt"), calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("read:ra/x.txt")), "no byte through this process: " + calls);
        assertTrue(listener.ended().stream().anyMatch(e -> e.operation() == Operation.COPY && "x.txt".equals(e.path())));

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Transfers.copy(a, "x.txt", b, "taken.txt"));
        assertEquals("B", e.storeName());
        assertEquals("taken.txt", e.path());
        NotFoundException missing = assertThrows(NotFoundException.class, () -> Transfers.copy(a, "none.txt", b, "z.txt"));
        assertEquals("A", missing.storeName());
        assertEquals("none.txt", missing.path());
        assertEquals("theirs", b.readText("taken.txt"));
    }

    @Test
    void uploadsAndDownloadsAreObservedWithTheirBytesAndOutcome() throws IOException {
        RecordingListener listener = new RecordingListener();
        Store store = memory("obs").observed(List.of(listener));
        Path file = Files.write(dir.resolve("in.bin"), new byte[12_345]);

        store.upload(file, "a.bin");
        store.download("a.bin", dir.resolve("out.bin"));
        assertThrows(NotFoundException.class, () -> store.download("missing.bin", dir.resolve("never.bin")));

        List<Ended> ended = listener.ended();
        assertEquals(List.of(Operation.UPLOAD, Operation.DOWNLOAD, Operation.DOWNLOAD),
                ended.stream().map(Ended::operation).toList());
        assertEquals(12_345, ended.get(0).result().bytes());
        assertEquals(12_345, ended.get(1).result().bytes());
        assertEquals(OperationResult.SUCCESS, ended.get(1).result().outcome());
        assertEquals("NotFoundException", ended.get(2).result().outcome());
        assertFalse(Files.exists(dir.resolve("never.bin")));
    }

    @Test
    void anUploadOfAFileThatGrowsWhileItIsSentFailsAndStoresNothing() throws IOException {
        Store store = memory("m");
        Path file = Files.write(dir.resolve("growing.bin"), new byte[1 << 20]);
        AtomicBoolean grown = new AtomicBoolean();

        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> store.upload(file, "g.bin",
                WriteOptions.overwrite(), p -> {
                    if (!p.finished() && grown.compareAndSet(false, true)) {
                        append(file, new byte[1 << 20]); // the first call comes with the first bytes read
                    }
                }));

        assertTrue(grown.get());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(store.isFile("g.bin"), "a failed upload leaves nothing");
    }

    @Test
    void aDownloadWithAnOverlongTargetNameStillLandsItsTemporaryFileNextToIt() {
        Store store = memory("m");
        store.writeText("a.txt", "x", WriteOptions.overwrite());
        Path target = dir.resolve("n".repeat(250));

        store.download("a.txt", target);

        assertEquals("x", readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void withoutHardLinksACreateOnlyLandingClaimsTheNameExclusively() throws IOException {
        Path taken = Files.writeString(dir.resolve("taken.txt"), "mine");
        LocalFiles.CreateOnlyPublisher placeholder = LocalFiles::publishOverPlaceholder;

        // the early check passes when the name is taken only after it: the publisher must still refuse
        Path racing = dir.resolve("racing.txt");
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> LocalFiles.landAtomically(
                racing, false, "p", temp -> {
                    write(temp, "downloaded");
                    write(racing, "someone else");
                }, placeholder));
        assertTrue(e.getMessage().contains(racing.toString()), e.getMessage());
        assertEquals("someone else", readString(racing));

        LocalFiles.landAtomically(dir.resolve("fresh.txt"), false, "p", temp -> write(temp, "downloaded"), placeholder);
        assertEquals("downloaded", readString(dir.resolve("fresh.txt")));
        assertEquals("mine", readString(taken));
        assertEquals(List.of(), list(dir).stream().filter(p -> p.toString().endsWith(".rs-part")).toList());
    }

    @Test
    void aFailedDownloadLeavesNoTemporaryFileAndAnExistingTargetAsItWas() throws IOException {
        Path target = Files.writeString(dir.resolve("t.txt"), "before");

        assertThrows(IllegalStateException.class, () -> LocalFiles.landAtomically(target, true, "p", temp -> {
            write(temp, "half");
            throw new IllegalStateException("the connection broke");
        }));

        assertEquals("before", readString(target));
        assertEquals(List.of(target), list(dir));
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
