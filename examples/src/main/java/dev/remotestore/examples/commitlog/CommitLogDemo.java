package dev.remotestore.examples.commitlog;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Several writers append to one {@link CommitLog} at once, each through its own
 * {@code CommitLog} object as separate processes would, while a checkpointer compacts the log;
 * then the program prints the log, the contention each writer saw, and checks the log: versions
 * 0..N-1 without gap or duplicate, every writer's entries present and in its order.
 *
 * <p>Runs on the store {@code data} of {@code application.conf} (local disk, no setup). Any
 * other backend: {@code -Dconfig.file=my.conf} naming a store {@code data}; the code is the same.
 * Arguments: {@code [writers] [entries per writer]}, default 4 and 25. Exit status 1 if the check
 * fails.
 */
public final class CommitLogDemo {
    private static final Pattern ENTRY = Pattern.compile("\\{\"writer\":\"(w\\d+)\",\"seq\":(\\d+)}");

    private CommitLogDemo() {
    }

    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int perWriter = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        try (Registry registry = Registry.load()) {
            Store store = registry.getStore("data").child("commit-log-demo");
            boolean ok = run(store, writers, perWriter, System.out);
            if (!ok) {
                System.exit(1);
            }
        }
    }

    /** The demo on any store; returns whether the log checked out. */
    public static boolean run(Store store, int writers, int perWriter, PrintStream out) throws Exception {
        long cleared = store.deleteFolder("", true);
        out.printf(Locale.ROOT, "store '%s' on backend %s; cleared %d file(s) of an earlier run%n",
                store.name(), store.backendType(), cleared);
        out.printf(Locale.ROOT, "%d writers append %d entries each to log/ at once; a checkpointer compacts meanwhile%n",
                writers, perWriter);

        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            String id = "w" + w;
            results.add(pool.submit(() -> appendAll(new CommitLog(store), id, perWriter, start)));
        }
        Future<List<Long>> checkpoints = pool.submit(() -> checkpointWhileWriting(new CommitLog(store), results));
        start.countDown();
        int[] conflicts = new int[writers];
        int[] worst = new int[writers];
        for (int w = 0; w < writers; w++) {
            int[] r = results.get(w).get();
            conflicts[w] = r[0];
            worst[w] = r[1];
        }
        List<Long> checkpointed = checkpoints.get();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        CommitLog log = new CommitLog(store);
        List<LogEntry> entries;
        try (Stream<LogEntry> all = log.read(0)) {
            entries = all.toList();
        }
        out.println("the log (" + entries.size() + " entries):");
        for (LogEntry e : entries) {
            if (e.version() < 5 || e.version() >= entries.size() - 3) {
                out.printf(Locale.ROOT, "  %020d  %s%n", e.version(), e.text());
            } else if (e.version() == 5) {
                out.println("  ...");
            }
        }
        out.println("contention (create-only writes that lost to another writer):");
        for (int w = 0; w < writers; w++) {
            out.printf(Locale.ROOT, "  w%d: %d append(s), %d lost, at most %d lost before one append won%n",
                    w, perWriter, conflicts[w], worst[w]);
        }
        out.printf(Locale.ROOT, "checkpoints written at versions %s; latest version %d; %d ms%n",
                checkpointed, log.latestVersion(), ms);

        String problem = check(entries, writers, perWriter);
        out.println(problem == null
                ? "check: versions 0.." + (entries.size() - 1) + ", no gap, no duplicate, every writer's entries in its order"
                : "check FAILED: " + problem);
        return problem == null;
    }

    private static int[] appendAll(CommitLog log, String writer, int count, CountDownLatch start) throws InterruptedException {
        start.await();
        int lost = 0;
        int worst = 0;
        for (int seq = 0; seq < count; seq++) {
            byte[] entry = ("{\"writer\":\"" + writer + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
            Appended a = log.append(entry);
            lost += a.conflicts();
            worst = Math.max(worst, a.conflicts());
        }
        return new int[] {lost, worst};
    }

    private static List<Long> checkpointWhileWriting(CommitLog log, List<Future<int[]>> writers) throws InterruptedException {
        List<Long> versions = new ArrayList<>();
        while (writers.stream().anyMatch(f -> !f.isDone())) {
            Thread.sleep(50);
            long v = log.checkpoint();
            if (v >= 0 && (versions.isEmpty() || versions.get(versions.size() - 1) != v)) {
                versions.add(v);
            }
        }
        return versions;
    }

    /** Null when the log is exactly what the writers appended; else what is wrong. */
    static String check(List<LogEntry> entries, int writers, int perWriter) {
        if (entries.size() != writers * perWriter) {
            return entries.size() + " entries, expected " + writers * perWriter;
        }
        Map<String, Integer> nextSeq = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (e.version() != i) {
                return "version " + e.version() + " at position " + i;
            }
            Matcher m = ENTRY.matcher(e.text());
            if (!m.matches()) {
                return "unexpected entry at " + i + ": " + e.text();
            }
            int expected = nextSeq.getOrDefault(m.group(1), 0);
            if (Integer.parseInt(m.group(2)) != expected) {
                return m.group(1) + "'s entry " + m.group(2) + " at version " + i + ", expected its entry " + expected;
            }
            nextSeq.put(m.group(1), expected + 1);
        }
        return null;
    }
}
