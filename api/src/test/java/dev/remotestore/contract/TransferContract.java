package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.CopyOptions;
import dev.remotestore.DownloadOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderCopyOptions;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.TransferSummary;
import dev.remotestore.Transfers;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.testing.RecordingBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in and out ({@code upload}, {@code download}) and copies between stores
 * ({@link Transfers}): bytes equal by SHA-256, the write semantics of uploads (create-only,
 * compare-and-swap), atomic local landing of downloads (no {@code .rs-part} leftovers, an existing
 * local file untouched), and the progress listener's contract. Streamed copies go to and from a
 * second, in-memory store of another backend; server-side copies stay in the store under test.
 */
public interface TransferContract extends StoreFixture {
    long MIB = 1024 * 1024;

    /** A store on another backend (in memory, all capabilities): copies to it and back are streamed. */
    private static Store otherBackend() {
        return Store.of("side", RecordingBackend.withCapabilities(Capabilities.all()));
    }

    @Test
    default void anEmptyFileRoundTripsThroughUploadDownloadAndCopies(@TempDir Path dir) {
        roundTrip(dir, TransferFiles.write(dir.resolve("source.bin"), 0, 1), true);
    }

    @Test
    default void aOneByteFileRoundTripsThroughUploadDownloadAndCopies(@TempDir Path dir) {
        roundTrip(dir, TransferFiles.write(dir.resolve("source.bin"), 1, 2), true);
    }

    @Test
    default void aSixteenMiBPlusOneFileRoundTripsThroughUploadDownloadAndCopies(@TempDir Path dir) {
        roundTrip(dir, TransferFiles.write(dir.resolve("source.bin"), 16 * MIB + 1, 3), true);
    }

    /** The large round trip; its size is the suite's {@code largeTransferBytes()} hook. */
    @Test
    default void aLargeFileRoundTripsThroughUploadDownloadAndAServerSideCopy(@TempDir Path dir) {
        long size = tuning().largeTransferBytes();
        assumeTrue(size > 0, "largeTransferBytes() is 0 for this suite");
        long t0 = System.nanoTime();
        roundTrip(dir, TransferFiles.large(size), false);
        System.out.printf("[transfer] %s: %d MiB upload, download and server-side copy checked in %d ms%n",
                store().backendType(), size / MIB, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Upload, download and a server-side copy, each checked by SHA-256 and by its listener; with
     * {@code streamed}, also a copy to another backend and back.
     */
    private void roundTrip(Path dir, Path source, boolean streamed) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String sha = TransferFiles.sha256(source);

        ProgressRecorder up = new ProgressRecorder();
        WriteResult uploaded = store().upload(source, "t/up.bin", WriteOptions.overwrite(), up);
        assertEquals("t/up.bin", uploaded.path());
        FileInfo info = store().getFileInfo("t/up.bin");
        assertEquals(size, info.size());
        assertEquals(info.etag(), uploaded.etag(), "the upload's ETag is the stored one");
        up.assertCompleted(size, 1);

        Path local = dir.resolve("down").resolve("here.bin");
        ProgressRecorder down = new ProgressRecorder();
        FileInfo got = store().download("t/up.bin", local, DownloadOptions.createOnly(), down);
        assertEquals("t/up.bin", got.path());
        assertEquals(size, got.size());
        assertEquals(sha, TransferFiles.sha256(local), "downloaded bytes");
        down.assertCompleted(size, 1);
        assertEquals(List.of(), TransferFiles.partFiles(dir), "no temporary download file is left");

        ProgressRecorder copy = new ProgressRecorder();
        WriteResult copied = Transfers.copy(store(), "t/up.bin", store(), "t/copy.bin", CopyOptions.overwrite(), copy);
        assertEquals("t/copy.bin", copied.path());
        assertEquals(sha, TransferFiles.sha256(store(), "t/copy.bin"), "bytes of the server-side copy");
        copy.assertCompleted(size, 1);

        if (streamed) {
            assertEquals(sha, TransferFiles.sha256(store(), "t/up.bin"), "uploaded bytes, read back");
            Store side = otherBackend();
            ProgressRecorder out = new ProgressRecorder();
            Transfers.copy(store(), "t/up.bin", side, "x/there.bin", CopyOptions.createOnly(), out);
            assertEquals(sha, TransferFiles.sha256(side, "x/there.bin"), "bytes copied to another backend");
            out.assertCompleted(size, 1);
            ProgressRecorder back = new ProgressRecorder();
            Transfers.copy(side, "x/there.bin", store(), "t/back.bin", CopyOptions.overwrite(), back);
            assertEquals(sha, TransferFiles.sha256(store(), "t/back.bin"), "bytes copied back");
            back.assertCompleted(size, 1);
        }
        assertEquals(streamed ? Set.of("t/up.bin", "t/copy.bin", "t/back.bin") : Set.of("t/up.bin", "t/copy.bin"),
                allPaths());
    }

    // ---- upload semantics ------------------------------------------------------------------

    @Test
    default void uploadIsCreateOnlyByDefaultAndLeavesAnExistingFileUntouched(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("new.bin"), utf8("new bytes"));
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("fresh.bin", () -> store().upload(file, "fresh.bin"));
            return;
        }
        byte[] old = randomBytes(1000, 7);
        put("taken.bin", old);
        String etag = store().getFileInfo("taken.bin").etag();

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store().upload(file, "taken.bin"));

        assertEquals(store().name(), e.storeName());
        assertEquals("taken.bin", e.path());
        assertContent("taken.bin", old);
        assertEquals(etag, store().getFileInfo("taken.bin").etag(), "the existing file is untouched");
        store().upload(file, "fresh.bin");
        assertContent("fresh.bin", utf8("new bytes"));
    }

    @Test
    default void uploadWithIfMatchSwapsOnlyTheExpectedVersion(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("v2.bin"), utf8("version 2"));
        String stale = store().writeText("cas.txt", "version 0", WriteOptions.overwrite()).etag();
        String current = store().writeText("cas.txt", "version 1", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().upload(file, "cas.txt", WriteOptions.ifMatch(current)));
            assertText("cas.txt", "version 1");
            return;
        }
        if (!stale.equals(current)) {
            assertThrows(PreconditionFailedException.class,
                    () -> store().upload(file, "cas.txt", WriteOptions.ifMatch(stale)));
            assertText("cas.txt", "version 1");
        }

        WriteResult swapped = store().upload(file, "cas.txt", WriteOptions.ifMatch(current));

        assertNotEquals(current, swapped.etag());
        assertEquals(swapped.etag(), store().getFileInfo("cas.txt").etag());
        assertText("cas.txt", "version 2");
    }

    /**
     * The upload form of {@link ConditionalWriteContract#ifMatchWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes}:
     * another writer stored the very bytes of the file after the expected ETag was read; the
     * upload is refused, as one request and as a multipart upload on the test servers (adr/0054).
     */
    @Test
    default void uploadWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes(@TempDir Path dir) throws IOException {
        for (int size : new int[] {4 << 20, 6 << 20}) {
            byte[] six = randomBytes(size, 16);
            Path file = Files.write(dir.resolve("six-" + size + ".bin"), six);
            String stale = store().write("counter.bin", randomBytes(size, 15), WriteOptions.overwrite()).etag();
            store().write("counter.bin", six, WriteOptions.overwrite()); // the other client's increment
            if (!has(Capability.COMPARE_AND_SWAP)) {
                assertThrows(UnsupportedCapabilityException.class,
                        () -> store().upload(file, "counter.bin", WriteOptions.ifMatch(stale)));
                return;
            }
            String current = store().getFileInfo("counter.bin").etag();

            assertThrows(PreconditionFailedException.class,
                    () -> store().upload(file, "counter.bin", WriteOptions.ifMatch(stale)), size + " bytes");
            if (has(Capability.CREATE_ONLY)) {
                assertThrows(AlreadyExistsException.class, () -> store().upload(file, "counter.bin"), size + " bytes");
            }

            assertContent("counter.bin", six);
            assertEquals(current, store().getFileInfo("counter.bin").etag(), size + " bytes: the other writer's file is untouched");
        }
    }

    @Test
    default void uploadWithIfMatchOnAMissingFileFailsAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("x.bin"), randomBytes(100_000, 8));
        String someEtag = store().writeText("other.txt", "x", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertRefusedUnsupported("missing.bin", () -> store().upload(file, "missing.bin", WriteOptions.ifMatch(someEtag)));
            return;
        }

        assertThrows(PreconditionFailedException.class,
                () -> store().upload(file, "missing.bin", WriteOptions.ifMatch(someEtag)));

        assertEquals(Set.of("other.txt"), allPaths(), "a failed upload leaves nothing");
    }

    @Test
    default void uploadWithOverwriteReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        byte[] bytes = randomBytes(300_000, 9);
        Path file = Files.write(dir.resolve("x.bin"), bytes);
        put("x.bin", utf8("old"));

        store().upload(file, "x.bin", WriteOptions.overwrite());

        assertContent("x.bin", bytes);
    }

    @Test
    default void uploadOfAMissingLocalFileIsNotFoundNamingTheFileAndWritesNothing(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-file.bin");

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store().upload(missing, "x.bin", WriteOptions.overwrite()));

        assertTrue(e.getMessage().contains(missing.toString()), "the message names the local file: " + e.getMessage());
        assertEquals(store().name(), e.storeName());
        assertEquals("x.bin", e.path());
        assertEquals(Set.of(), allPaths());
    }

    // ---- download semantics ----------------------------------------------------------------

    @Test
    default void downloadIsCreateOnlyByDefaultAndLeavesAnExistingLocalFileUnchanged(@TempDir Path dir) throws IOException {
        put("remote.bin", randomBytes(50_000, 10));
        Path local = Files.write(dir.resolve("mine.txt"), utf8("my local bytes"));

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store().download("remote.bin", local));

        assertTrue(e.getMessage().contains(local.toString()), "the message names the local file: " + e.getMessage());
        assertEquals("remote.bin", e.path());
        assertArrayEquals(utf8("my local bytes"), Files.readAllBytes(local));
        assertEquals(List.of(), TransferFiles.partFiles(dir));
    }

    @Test
    default void downloadWithOverwriteReplacesAnExistingLocalFile(@TempDir Path dir) throws IOException {
        byte[] bytes = randomBytes(70_000, 11);
        put("remote.bin", bytes);
        Path local = Files.write(dir.resolve("mine.bin"), utf8("older and shorter"));

        store().download("remote.bin", local, DownloadOptions.overwrite());

        assertArrayEquals(bytes, Files.readAllBytes(local));
        assertEquals(List.of(), TransferFiles.partFiles(dir));
    }

    @Test
    default void downloadOfAMissingPathIsNotFoundAndCreatesNoLocalFile(@TempDir Path dir) {
        Path local = dir.resolve("sub").resolve("never.bin");
        ProgressRecorder progress = new ProgressRecorder();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store().download("missing.bin", local, DownloadOptions.overwrite(), progress));

        assertEquals(store().name(), e.storeName());
        assertEquals("missing.bin", e.path());
        assertFalse(Files.exists(local));
        assertEquals(List.of(), TransferFiles.partFiles(dir));
        assertEquals(1, progress.calls().stream().filter(p -> p.finished()).count(),
                "a failed transfer ends its listener too");
    }

    // ---- copies between stores -------------------------------------------------------------

    @Test
    default void copyIsCreateOnlyByDefaultServerSideAndStreamed() {
        put("a.txt", "source");
        Store side = otherBackend();
        side.writeText("b.txt", "theirs", WriteOptions.overwrite());

        assertThrows(AlreadyExistsException.class, () -> Transfers.copy(store(), "a.txt", side, "b.txt"));
        assertEquals("theirs", side.readText("b.txt"));

        put("b.txt", "mine");
        if (!has(Capability.CREATE_ONLY)) {
            assertThrows(UnsupportedCapabilityException.class, () -> Transfers.copy(store(), "a.txt", store(), "b.txt"));
        } else {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                    () -> Transfers.copy(store(), "a.txt", store(), "b.txt"));
            assertEquals("b.txt", e.path());
            assertEquals(store().name(), e.storeName());
        }
        assertText("b.txt", "mine");
    }

    @Test
    default void copyOfAMissingSourceIsNotFoundAndWritesNothing() {
        Store side = otherBackend();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> Transfers.copy(store(), "missing.txt", side, "x.txt"));
        assertEquals(store().name(), e.storeName());
        assertEquals("missing.txt", e.path());
        assertFalse(side.isFile("x.txt"));

        assertThrows(NotFoundException.class, () -> Transfers.copy(side, "missing.txt", store(), "x.txt"));
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void aStreamedCopyKeepsContentTypeAndUserMetadata() {
        assumeTrue(has(Capability.CONTENT_TYPE) && has(Capability.USER_METADATA),
                "the store keeps no content type or user metadata");
        WriteOptions options = WriteOptions.overwrite().withContentType("text/csv").withMetadata(Map.of("owner", "ops"));
        store().write("a.csv", utf8("x,y"), options);
        Store side = otherBackend();

        Transfers.copy(store(), "a.csv", side, "a.csv");
        Transfers.copy(side, "a.csv", store(), "b.csv", CopyOptions.overwrite(), p -> { });

        FileInfo there = side.getFileInfo("a.csv");
        assertEquals("text/csv", there.contentType().orElse(null));
        assertEquals(Map.of("owner", "ops"), there.metadata());
        FileInfo back = store().getFileInfo("b.csv");
        assertEquals("text/csv", back.contentType().orElse(null));
        assertEquals(Map.of("owner", "ops"), back.metadata());
    }

    // ---- folders ---------------------------------------------------------------------------

    @Test
    default void aFolderCopiesToAnotherBackendAndBackAndARerunSkipsWhatIsTheSame() {
        Map<String, byte[]> files = Map.of("a.txt", utf8("alpha"), "b.txt", utf8("bravo"),
                "sub/c.txt", randomBytes(10_000, 12), "sub/deeper/d.bin", randomBytes(70_000, 13), "e.log", new byte[0]);
        files.forEach((path, bytes) -> put("f/" + path, bytes));
        put("elsewhere.txt", "not in the folder");
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        Store side = otherBackend();

        ProgressRecorder out = new ProgressRecorder();
        TransferSummary first = Transfers.copyFolder(store(), "f", side, "g", FolderCopyOptions.defaults(), out);

        assertEquals(new TransferSummary(5, total, 0, List.of()), first);
        out.assertCompleted(total, 5);
        files.forEach((path, bytes) -> assertArrayEquals(bytes, side.readBytes("g/" + path), path));

        FolderCopyOptions skipSame = FolderCopyOptions.defaults().existing(FolderCopyOptions.Existing.SKIP_SAME)
                .parallelism(2);
        TransferSummary back = Transfers.copyFolder(side, "g", store(), "h", skipSame);
        assertEquals(5, back.filesCopied());
        files.forEach((path, bytes) -> assertContent("h/" + path, bytes));

        store().delete("h/a.txt");
        put("h/b.txt", "BRAVO"); // same size, other bytes
        put("h/sub/c.txt", "shorter");
        ProgressRecorder rerun = new ProgressRecorder();
        TransferSummary again = Transfers.copyFolder(side, "g", store(), "h", skipSame, rerun);

        assertEquals(3, again.filesCopied(), again.toString());
        assertEquals(2, again.filesSkipped(), again.toString());
        assertTrue(again.succeeded(), again.toString());
        rerun.assertCompleted(total, 5);
        files.forEach((path, bytes) -> assertContent("h/" + path, bytes));
    }

    @Test
    default void aFolderCopyWithinTheStoreIsServerSideAndARerunWithSkipSameSkipsEverything() {
        put("f/a.txt", "alpha");
        put("f/sub/b.bin", randomBytes(40_000, 14));
        FolderCopyOptions skipSame = FolderCopyOptions.defaults().existing(FolderCopyOptions.Existing.SKIP_SAME);

        TransferSummary first = Transfers.copyFolder(store(), "f", store().child("k"), "copy", skipSame);
        TransferSummary again = Transfers.copyFolder(store(), "f", store().child("k"), "copy", skipSame);

        assertEquals(new TransferSummary(2, 5 + 40_000, 0, List.of()), first);
        assertEquals(new TransferSummary(0, 0, 2, List.of()), again);
        assertContent("k/copy/sub/b.bin", randomBytes(40_000, 14));
    }

    @Test
    default void aFolderCopyFiltersByGlobAndDepthAndReportsEachExistingTargetAsAFailure() {
        put("f/a.txt", "alpha");
        put("f/b.csv", "bravo");
        put("f/sub/c.txt", "charlie");
        Store side = otherBackend();
        side.writeText("g/a.txt", "taken", WriteOptions.overwrite());

        TransferSummary summary = Transfers.copyFolder(store(), "f", side, "g",
                FolderCopyOptions.defaults().recursive(false).glob("*.txt"));

        assertEquals(0, summary.filesCopied());
        assertEquals(1, summary.failures().size());
        assertEquals("a.txt", summary.failures().get(0).path());
        assertTrue(summary.failures().get(0).error() instanceof AlreadyExistsException, summary.toString());
        assertEquals("taken", side.readText("g/a.txt"));
        try (Stream<FileInfo> listed = side.listFiles("", ListOptions.recursive())) {
            assertEquals(Set.of("g/a.txt"), listed.map(FileInfo::path).collect(Collectors.toSet()));
        }

        TransferSummary replaced = Transfers.copyFolder(store(), "f", side, "g",
                FolderCopyOptions.defaults().existing(FolderCopyOptions.Existing.OVERWRITE));
        assertEquals(3, replaced.filesCopied());
        assertEquals("alpha", side.readText("g/a.txt"));
        assertEquals("charlie", side.readText("g/sub/c.txt"));
    }

    @Test
    default void aFolderCopyOfAMissingFolderCopiesNothing() {
        ProgressRecorder progress = new ProgressRecorder();

        TransferSummary summary = Transfers.copyFolder(store(), "none", otherBackend(), "g",
                FolderCopyOptions.defaults(), progress);

        assertEquals(new TransferSummary(0, 0, 0, List.of()), summary);
        progress.assertCompleted(0, 0);
    }

    /** Errors of a folder copy are the stores' typed errors, with their context. */
    @Test
    default void aFolderCopyFailureCarriesTheTargetStoresContext() {
        assumeTrue(has(Capability.CREATE_ONLY), "create-only is needed for the target to refuse");
        put("f/a.txt", "alpha");
        put("g/a.txt", "taken");

        TransferSummary summary = Transfers.copyFolder(otherBackendWith("f/a.txt", "alpha"), "f", store(), "g",
                FolderCopyOptions.defaults());

        RemoteStoreException error = summary.failures().get(0).error();
        assertTrue(error instanceof AlreadyExistsException, error.toString());
        assertEquals(store().name(), error.storeName());
        assertEquals("g/a.txt", error.path());
        assertText("g/a.txt", "taken");
    }

    private static Store otherBackendWith(String path, String text) {
        Store side = otherBackend();
        side.writeText(path, text, WriteOptions.overwrite());
        return side;
    }
}
