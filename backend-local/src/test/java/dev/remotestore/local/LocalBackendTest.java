package dev.remotestore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.CopyOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.IllegalPathException;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalBackendTest extends LocalBackendFixture {
    private Set<String> tempFilesOnDisk() throws IOException {
        return everythingOnDisk().stream().filter(n -> n.contains(LocalKeys.TEMP_PREFIX)).collect(Collectors.toSet());
    }

    @Test
    void failedWriteFromABrokenInputStreamLeavesNoTempFile() throws IOException {
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 100_000) {
                    throw new IOException("the producer died");
                }
                return 'x';
            }
        };
        assertThrows(RemoteStoreException.class, () -> store.write("a/b/c.bin", broken, WriteOptions.overwrite()));
        assertFalse(store.isFile("a/b/c.bin"));
        assertEquals(Set.of(), everythingOnDisk(), "neither a temp file nor the folders it needed may remain");
    }

    @Test
    void abortedStreamingWriteLeavesNoTempFileAndThePreviousContentIntact() throws IOException {
        store.write("doc.txt", "old".getBytes(UTF_8));
        try (StoreOutputStream out = store.openOutputStream("doc.txt", WriteOptions.overwrite())) {
            out.write("new content that is never committed".getBytes(UTF_8));
            assertEquals(1, tempFilesOnDisk().size(), "the bytes go to a temp file");
            out.abort();
        }
        assertEquals("old", store.readText("doc.txt"));
        assertEquals(Set.of(), tempFilesOnDisk());
    }

    @Test
    void streamingWriteClosedWithoutCommitIsAborted() throws IOException {
        try (StoreOutputStream out = store.openOutputStream("x/y.bin", WriteOptions.overwrite())) {
            out.write(new byte[1 << 20]);
        }
        assertFalse(store.isFile("x/y.bin"));
        assertEquals(Set.of(), everythingOnDisk());
    }

    @Test
    void streamingWriteIsInvisibleUntilCommitted() throws IOException {
        try (StoreOutputStream out = store.openOutputStream("big.bin", WriteOptions.createOnly())) {
            for (int i = 0; i < 64; i++) {
                out.write(new byte[64 * 1024]);
            }
            assertFalse(store.isFile("big.bin"));
            assertEquals(0, store.listFiles("").count(), "temp files are never listed");
            WriteResult result = out.commit();
            assertEquals(result.etag(), store.getFileInfo("big.bin").etag());
        }
        assertEquals(64L * 64 * 1024, store.getFileInfo("big.bin").size());
    }

    @Test
    void keysWithTheTempPrefixAreRejected() {
        for (String path : List.of(".rs-tmp-x", "a/.rs-tmp-1234", ".rs-tmp-/b")) {
            assertThrows(IllegalPathException.class, () -> store.write(path, new byte[1], WriteOptions.overwrite()), path);
            assertThrows(IllegalPathException.class, () -> store.readBytes(path), path);
            assertThrows(IllegalPathException.class, () -> store.isFile(path), path);
        }
    }

    @Test
    void etagChangesOnRewriteWithIdenticalBytes() {
        byte[] same = "same bytes".getBytes(UTF_8);
        Set<String> etags = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            String etag = store.write("f.txt", same, WriteOptions.overwrite()).etag();
            assertEquals(etag, store.getFileInfo("f.txt").etag(), "the returned ETag is the stored file's");
            etags.add(etag);
        }
        assertEquals(50, etags.size(), "every write gets a new ETag, even quick rewrites of equal bytes");
    }

    @Test
    void etagIsStableWhileTheFileIsUnchanged() {
        String etag = store.write("f.txt", new byte[3]).etag();
        assertEquals(etag, store.getFileInfo("f.txt").etag());
        try (Stream<FileInfo> files = store.listFiles("")) {
            assertEquals(etag, files.findFirst().orElseThrow().etag(), "listings report the same ETag");
        }
    }

    @Test
    void contentTypeAndMetadataRoundTripThroughExtendedAttributes() throws IOException {
        Map<String, String> meta = Map.of("owner", "ana", "run-id", "42", "note", "naïve ✓");
        store.write("r/data.json", "{}".getBytes(UTF_8),
                WriteOptions.overwrite().withContentType("application/json").withMetadata(meta));

        FileInfo info = store.getFileInfo("r/data.json");
        assertEquals("application/json", info.contentType().orElseThrow());
        assertEquals(meta, info.metadata());
        assertEquals(Map.of(), info.version().map(v -> Map.of("v", v)).orElse(Map.of()));

        UserDefinedFileAttributeView view = Files.getFileAttributeView(root.resolve("r/data.json"),
                UserDefinedFileAttributeView.class);
        assertTrue(view.list().contains("rs.content-type"), "stored as user.rs.content-type: " + view.list());
        ByteBuffer owner = ByteBuffer.allocate(view.size("rs.meta.owner"));
        view.read("rs.meta.owner", owner);
        assertEquals("ana", new String(owner.array(), UTF_8));

        try (Stream<FileInfo> files = store.listFiles("r")) {
            FileInfo listed = files.findFirst().orElseThrow();
            assertEquals(meta, listed.metadata());
            assertEquals("application/json", listed.contentType().orElseThrow());
        }
    }

    @Test
    void copyCarriesContentTypeAndMetadataButGetsItsOwnEtag() {
        WriteResult original = store.write("a.txt", "A".getBytes(UTF_8),
                WriteOptions.createOnly().withContentType("text/plain").withMetadata(Map.of("k", "v")));
        WriteResult copy = store.copy("a.txt", "sub/b.txt");
        FileInfo info = store.getFileInfo("sub/b.txt");
        assertEquals("text/plain", info.contentType().orElseThrow());
        assertEquals(Map.of("k", "v"), info.metadata());
        assertEquals(copy.etag(), info.etag());
        assertNotEquals(original.etag(), copy.etag());
        assertEquals("A", store.readText("sub/b.txt"));
        assertThrows(AlreadyExistsException.class, () -> store.copy("a.txt", "sub/b.txt"));
    }

    @Test
    void emptyParentFoldersArePrunedAfterDelete() throws IOException {
        store.write("a/b/c/d.txt", new byte[1]);
        store.write("a/keep.txt", new byte[1]);
        store.delete("a/b/c/d.txt");
        assertFalse(Files.exists(root.resolve("a/b")), "a/b/c and a/b are empty now");
        assertTrue(Files.isRegularFile(root.resolve("a/keep.txt")));
        store.delete("a/keep.txt");
        assertEquals(Set.of(), everythingOnDisk());
        assertTrue(Files.isDirectory(root), "the root itself stays");
    }

    @Test
    void createOnlyMoveRefusesAnExistingTargetAndKeepsBoth() {
        store.write("a.txt", "a".getBytes(UTF_8));
        store.write("b.txt", "b".getBytes(UTF_8));
        assertThrows(AlreadyExistsException.class, () -> store.move("a.txt", "b.txt"));
        assertEquals("a", store.readText("a.txt"));
        assertEquals("b", store.readText("b.txt"));
        store.move("a.txt", "b.txt", CopyOptions.overwrite());
        assertFalse(store.isFile("a.txt"));
        assertEquals("a", store.readText("b.txt"));
    }

    @Test
    void moveOfAMissingFileIsNotFound() {
        assertThrows(NotFoundException.class, () -> store.move("nope.txt", "b.txt"));
        assertThrows(NotFoundException.class, () -> store.copy("nope.txt", "b.txt"));
    }

    @Test
    void fileWrittenByAnotherToolIsListedAndReadable() throws IOException {
        Files.createDirectories(root.resolve("in/box"));
        Files.write(root.resolve("in/box/report.csv"), "a,b\n1,2\n".getBytes(UTF_8));

        assertTrue(store.isFile("in/box/report.csv"));
        assertTrue(store.isFolder("in"));
        assertEquals("a,b\n1,2\n", store.readText("in/box/report.csv"));
        assertEquals(Set.of("in/box/report.csv"),
                store.listFiles("", ListOptions.recursive()).map(FileInfo::path).collect(Collectors.toSet()));
        FileInfo info = store.getFileInfo("in/box/report.csv");
        assertEquals(8, info.size());
        assertFalse(info.etag().isEmpty());
        // a compare-and-swap works on it too
        store.write("in/box/report.csv", "new".getBytes(UTF_8), WriteOptions.ifMatch(info.etag()));
        assertEquals("new", store.readText("in/box/report.csv"));
    }

    @Test
    void etagOfAFileChangedInPlaceByAnotherToolChanges() throws IOException, InterruptedException {
        String etag = store.write("log.txt", "one".getBytes(UTF_8)).etag();
        Thread.sleep(20);
        Files.write(root.resolve("log.txt"), "two".getBytes(UTF_8)); // same size, same inode
        assertNotEquals(etag, store.getFileInfo("log.txt").etag());
        assertThrows(PreconditionFailedException.class,
                () -> store.write("log.txt", "three".getBytes(UTF_8), WriteOptions.ifMatch(etag)));
    }

    @Test
    void compareAndSwapOnAMissingFileFailsThePrecondition() throws IOException {
        assertThrows(PreconditionFailedException.class,
                () -> store.write("d/none.txt", new byte[1], WriteOptions.ifMatch("abc")));
        assertFalse(store.isFile("d/none.txt"));
        assertEquals(Set.of(), everythingOnDisk(), "nothing, not even a temp file or its folder, was left");
    }

    @Test
    void concurrentCompareAndSwapFromEightThreadsLosesNoIncrement() throws Exception {
        store.write("counter", "0".getBytes(UTF_8));
        int threads = 8;
        int increments = 50;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    for (int done = 0; done < increments; ) {
                        FileInfo info = store.getFileInfo("counter");
                        int value = Integer.parseInt(store.readText("counter"));
                        // reading after getFileInfo: a stale value makes the swap fail, never succeed wrongly
                        try {
                            store.write("counter", String.valueOf(value + 1).getBytes(UTF_8), WriteOptions.ifMatch(info.etag()));
                            done++;
                        } catch (PreconditionFailedException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertEquals(String.valueOf(threads * increments), store.readText("counter"),
                "conflicts seen: " + conflicts.get());
        assertEquals(Set.of(), tempFilesOnDisk());
    }

    @Test
    void concurrentCreateOnlyWritesHaveExactlyOneWinner() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger wins = new AtomicInteger();
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] mine = ("writer " + t).getBytes(UTF_8);
                tasks.add(() -> {
                    try {
                        store.write("_log/00001.json", mine);
                        wins.incrementAndGet();
                    } catch (AlreadyExistsException e) {
                        // someone else committed version 1
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, wins.get());
        assertTrue(store.readText("_log/00001.json").startsWith("writer "));
        assertEquals(Set.of(), tempFilesOnDisk());
    }

    @Test
    void writingWhereAFolderStandsFailsAndKeepsTheFolder() {
        store.write("a/b.txt", new byte[1]);
        assertThrows(AlreadyExistsException.class, () -> store.write("a", new byte[1], WriteOptions.overwrite()));
        assertThrows(AlreadyExistsException.class, () -> store.write("a/b.txt/c", new byte[1], WriteOptions.overwrite()));
        assertTrue(store.isFile("a/b.txt"));
    }

    @Test
    void rangeReadsAreClippedToTheFile() throws IOException {
        store.write("r.bin", "0123456789".getBytes(UTF_8));
        assertEquals("345", new String(store.readBytes("r.bin", ReadOptions.range(3, 3)), UTF_8));
        assertEquals("789", new String(store.readBytes("r.bin", ReadOptions.range(7, 100)), UTF_8));
        assertEquals("", new String(store.readBytes("r.bin", ReadOptions.from(10)), UTF_8));
        assertEquals("", new String(store.readBytes("r.bin", ReadOptions.from(50)), UTF_8));
        try (SeekableByteChannel ch = store.openChannel("r.bin")) {
            ch.position(8);
            ByteBuffer two = ByteBuffer.allocate(2);
            ch.read(two);
            assertEquals("89", new String(two.array(), UTF_8));
            assertEquals(10, ch.size());
        }
    }

    @Test
    void aReadStartedBeforeAnOverwriteKeepsReadingTheOldBytes() throws IOException {
        store.write("v.txt", "version one".getBytes(UTF_8));
        try (InputStream in = store.read("v.txt")) {
            store.write("v.txt", "version two!".getBytes(UTF_8), WriteOptions.overwrite());
            assertEquals("version one", new String(in.readAllBytes(), UTF_8));
        }
    }

    @Test
    void errorsCarryTheKeyNotTheAbsolutePath() {
        RemoteStoreException e = assertThrows(NotFoundException.class, () -> backend.getFileInfo("no/such.txt"));
        assertEquals("no/such.txt", e.path());
        assertFalse(e.getMessage().contains(root.toString()), e.getMessage());
    }

    @Test
    void bytesWrittenAreTheBytesRead() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        store.write("blob", data);
        assertArrayEquals(data, store.readBytes("blob"));
        assumeTrue(store.capabilities().has(Capability.CREATE_ONLY));
        store.copy("blob", "blob2");
        assertArrayEquals(data, store.readBytes("blob2"));
    }
}
