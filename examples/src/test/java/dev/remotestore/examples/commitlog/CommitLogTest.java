package dev.remotestore.examples.commitlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.local.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commit log's protocol in one process, on the memory backend, with its requests counted. */
class CommitLogTest {
    private final CountingBackend backend = new CountingBackend(MemoryBackend.create());
    private final Store store = Store.of("mem", backend);
    private final LogLayout layout = new LogLayout("log");

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void appendsTakeConsecutiveVersionsFromZeroAsCreateOnlyFiles() {
        CommitLog log = new CommitLog(store);
        assertEquals(-1, log.latestVersion());
        for (int i = 0; i < 5; i++) {
            assertEquals(new Appended(i, 0), log.append(bytes("e" + i)));
        }
        assertEquals(4, log.latestVersion());
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), texts(log, 0));
        assertEquals(List.of("e3", "e4"), texts(log, 3));
        assertEquals("e2", store.readText("log/00000000000000000002.json"));
    }

    @Test
    void aWriterThatLosesReadsEveryEntryItLostToInOrderThenTakesTheNextVersion() {
        CommitLog late = new CommitLog(store);
        assertEquals(-1, late.latestVersion()); // it has seen the empty log
        CommitLog other = new CommitLog(store);
        other.append(bytes("a"));
        other.append(bytes("b"));

        List<LogEntry> lostTo = new ArrayList<>();
        Appended appended = late.append(bytes("c"), lostTo::add);

        assertEquals(new Appended(2, 1), appended); // one lost write, then it caught up with the log
        assertEquals(List.of(0L, 1L), lostTo.stream().map(LogEntry::version).toList());
        assertEquals(List.of("a", "b"), lostTo.stream().map(LogEntry::text).toList());
        assertEquals(List.of("a", "b", "c"), texts(late, 0));
    }

    @Test
    void anAppendAbandonedFromOnLostWritesNothing() {
        CommitLog late = new CommitLog(store);
        late.latestVersion();
        new CommitLog(store).append(bytes("winner"));

        assertThrows(IllegalStateException.class, () -> late.append(bytes("loser"), lost -> {
            throw new IllegalStateException("conflicts with " + lost.text());
        }));

        assertEquals(0, late.latestVersion());
        assertEquals(List.of("winner"), texts(late, 0));
    }

    @Test
    void latestVersionOfAHundredThousandEntriesTakesAFewExistenceChecksAndNoListing() {
        int n = 100_000;
        for (long v = 0; v < n; v++) {
            store.write(layout.entry(v), bytes("x" + v));
        }

        backend.reset();
        assertEquals(n - 1, new CommitLog(store).latestVersion()); // no hint yet: doubling from -1
        int withoutHint = backend.existenceChecks.get();
        assertEquals(0, backend.listings.get());
        assertTrue(withoutHint <= 2 * 17 + 2, "existence checks without a hint: " + withoutHint);

        store.write(layout.checkpoint(n - 10), new byte[0]); // the hint is trusted only when its checkpoint is there
        writeCheckpointHint(n - 10);
        backend.reset();
        assertEquals(n - 1, new CommitLog(store).latestVersion());
        assertEquals(0, backend.listings.get());
        assertTrue(backend.existenceChecks.get() <= 1 + 2 * 4 + 2,
                "existence checks from a hint 9 behind: " + backend.existenceChecks.get());
        System.out.printf("[commit-log] latestVersion of %d entries: %d existence checks without a hint, %d from a hint"
                + " 9 behind, no listing%n", n, withoutHint, backend.existenceChecks.get());
    }

    @Test
    void checkpointCompactsTheLogIntoOneFileThatAReadFromTheStartUses() {
        CommitLog log = new CommitLog(store);
        for (int i = 0; i < 20; i++) {
            log.append(bytes("e" + i));
        }
        assertEquals(19, log.checkpoint());
        assertTrue(store.isFile(layout.checkpoint(19)));
        assertTrue(store.readText(layout.hint()).contains("\"version\":19"));
        log.append(bytes("e20"));
        log.append(bytes("e21"));

        CommitLog reader = new CommitLog(store);
        backend.reset();
        List<String> all = texts(reader, 0);

        assertEquals(LongStream.range(0, 22).mapToObj(i -> "e" + i).toList(), all);
        // the hint, the checkpoint, and the two entries after it: not 22 entry files
        assertEquals(1 + 1 + 2, backend.reads.get());
        assertEquals(List.of("e18", "e19", "e20", "e21"), texts(reader, 18));
        assertEquals(List.of("e21"), texts(reader, 21));
    }

    @Test
    void aLaterCheckpointBuildsOnTheEarlierOneAndAnUnchangedLogIsNotCheckpointedTwice() {
        CommitLog log = new CommitLog(store);
        assertEquals(-1, log.checkpoint());
        assertFalse(store.exists(layout.hint()));
        for (int i = 0; i < 3; i++) {
            log.append(bytes("e" + i));
        }
        assertEquals(2, log.checkpoint());
        assertEquals(2, log.checkpoint());
        log.append(bytes("e3"));
        backend.reset();
        assertEquals(3, log.checkpoint());
        assertEquals(List.of("e0", "e1", "e2", "e3"), texts(new CommitLog(store), 0));
        try (Stream<FileInfo> files = store.listFiles("log", ListOptions.flat().withGlob("*.checkpoint.bin"))) {
            assertEquals(List.of(layout.checkpoint(2), layout.checkpoint(3)), files.map(FileInfo::path).sorted().toList());
        }
    }

    @Test
    void checkpointsTakenWhileOthersAppendLoseNoEntry() throws Exception {
        int writers = 4;
        int perWriter = 60;
        List<Long> checkpoints = appendConcurrently(store, writers, perWriter);

        List<LogEntry> viaCheckpoint = entries(new CommitLog(store), 0);
        assertEquals(null, CommitLogDemo.check(viaCheckpoint, writers, perWriter));
        // every checkpoint holds exactly the entry files of its versions
        for (long cp : List.copyOf(checkpoints).stream().filter(v -> v >= 0).distinct().toList()) {
            try (var in = store.read(layout.checkpoint(cp))) {
                var it = CheckpointFile.read(in);
                for (long v = 0; v <= cp; v++) {
                    LogEntry e = it.next();
                    assertEquals(v, e.version());
                    assertArrayEquals(store.readBytes(layout.entry(v)), e.bytes(), "checkpoint " + cp + " version " + v);
                }
                assertFalse(it.hasNext());
            }
        }
        assertTrue(checkpoints.stream().anyMatch(v -> v > 0 && v < writers * perWriter - 1),
                "no checkpoint was taken mid-run: " + checkpoints);
    }

    /** The negative control: the same race on a server that does not decide create-only. */
    @Test
    void onAServerThatChecksThenWritesTheRaceLosesEntriesAndTheCheckSaysSo() throws Exception {
        try (CheckThenWriteBackend lying = new CheckThenWriteBackend(MemoryBackend.create())) {
            Store broken = Store.of("check-then-write", lying);
            appendConcurrently(broken, 4, 50);
            String problem = CommitLogDemo.check(entries(new CommitLog(broken), 0), 4, 50);
            assertNotNull(problem, "two writers took one version, yet the log checked out");
            System.out.println("[commit-log] on a check-then-write server: " + problem);
        }
    }

    /**
     * Writers (own CommitLog each) append at once; writer 0 also checkpoints every 20 of its
     * appends (so some checkpoints are taken before the log is complete), and this thread
     * checkpoints in a loop meanwhile. Returns the checkpoints taken.
     */
    private static List<Long> appendConcurrently(Store on, int writers, int perWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Long> checkpoints = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "w" + w;
            running.add(pool.submit(() -> {
                CommitLog log = new CommitLog(on);
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    log.append(bytes("{\"writer\":\"" + id + "\",\"seq\":" + i + "}"));
                    if (id.equals("w0") && (i + 1) % 20 == 0) {
                        checkpoints.add(log.checkpoint());
                    }
                }
                return null;
            }));
        }
        CommitLog checkpointer = new CommitLog(on);
        start.countDown();
        while (running.stream().anyMatch(f -> !f.isDone())) {
            checkpoints.add(checkpointer.checkpoint());
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        return checkpoints;
    }

    @Test
    void aHintThatLagsOrPointsPastTheLogDoesNotChangeTheAnswer() {
        CommitLog log = new CommitLog(store);
        for (int i = 0; i < 50; i++) {
            log.append(bytes("e" + i));
        }
        writeCheckpointHint(3); // lags, and names a checkpoint that was never written
        assertEquals(49, new CommitLog(store).latestVersion());
        assertEquals(50, texts(new CommitLog(store), 0).size());

        writeCheckpointHint(1_000); // past the end
        assertEquals(49, new CommitLog(store).latestVersion());
        assertEquals(new Appended(50, 0), new CommitLog(store).append(bytes("e50")));

        store.write(layout.hint(), bytes("not json"), WriteOptions.overwrite());
        assertEquals(50, new CommitLog(store).latestVersion());
    }

    @Test
    void aTruncatedCheckpointIsReportedAsCorruptWithStoreAndPath() {
        CommitLog log = new CommitLog(store);
        for (int i = 0; i < 5; i++) {
            log.append(bytes("entry-" + i));
        }
        log.checkpoint();
        byte[] whole = store.readBytes(layout.checkpoint(4));
        store.write(layout.checkpoint(4), Arrays.copyOf(whole, whole.length - 3), WriteOptions.overwrite());

        CorruptLogException e = assertThrows(CorruptLogException.class, () -> texts(new CommitLog(store), 0));
        assertEquals(layout.checkpoint(4), e.path());
        assertTrue(e.getMessage().contains("store 'mem'"), e.getMessage());
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    private void writeCheckpointHint(long version) {
        store.write(layout.hint(), bytes("{\"version\":" + version + "}"), WriteOptions.overwrite());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<LogEntry> entries(CommitLog log, long from) {
        try (Stream<LogEntry> s = log.read(from)) {
            return s.toList();
        }
    }

    private static List<String> texts(CommitLog log, long from) {
        return entries(log, from).stream().map(LogEntry::text).toList();
    }
}
