package dev.remotestore.examples.commitlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.azure.AzuriteServer;
import dev.remotestore.s3.S3ProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the commit log: {@value #WRITERS} separate JVMs append {@value #ENTRIES} entries
 * each to one log at the same moment (one of them also checkpoints every
 * {@value #CHECKPOINT_EVERY} appends), while a reader in this JVM polls the end of the log and
 * reads what is new. Then: exactly N×M entries, versions 0..N×M−1 with no gap and no duplicate
 * (checked on the entry files listed, and on the log read through its checkpoint), each writer's
 * entries all there and in its order, and every entry the reader saw during the run is where it
 * saw it, and it never met a gap.
 *
 * <p>Each backend type is configured in HOCON that the children read from a file, as users
 * configure them; the servers (S3Proxy, Azurite) run on 127.0.0.1 in or beside this JVM. The GCS
 * fake cannot be shared across JVMs and has no preconditions: see {@link CommitLogOnGcsFakeTest}.
 */
class CommitLogMultiProcessTest {
    static final int WRITERS = 4;
    static final int ENTRIES = 50;
    static final int CHECKPOINT_EVERY = 20;

    @TempDir
    Path work;

    @Test
    void localBackend() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        prove(store("type = local, root = " + quote(root.toString()), "log-test"));
    }

    @Test
    void s3OnS3Proxy() throws Exception {
        prove(store(s3("s3", S3ProxyServer.shared()), S3ProxyServer.uniquePrefix("commit-log")));
    }

    @Test
    void s3CrtOnS3Proxy() throws Exception {
        // S3Proxy needs the CRT's Expect header dropped for multipart (the README's s3-crt notes)
        prove(store(s3("s3-crt", S3ProxyServer.shared()) + ", crt { drop-expect-continue = true }",
                S3ProxyServer.uniquePrefix("commit-log-crt")));
    }

    @Test
    void azureOnAzurite() throws Exception {
        AzuriteServer azurite = AzuriteServer.shared();
        BlobContainerClient container = azurite.newContainer("commit-log");
        try {
            prove(store("type = azure, account = " + AzuriteServer.ACCOUNT + ", container = " + container.getBlobContainerName()
                    + ", endpoint = " + quote(azurite.endpoint().toString())
                    + ", credentials { account-key = " + quote(AzuriteServer.KEY) + " }", "log-test"));
        } finally {
            container.delete();
        }
    }

    /** Real GCS, when {@code RS_GCS_BUCKET} names a bucket the default credentials may write to. */
    @Test
    @EnabledIfEnvironmentVariable(named = "RS_GCS_BUCKET", matches = ".+")
    void gcsLive() throws Exception {
        String project = System.getenv("RS_GCS_PROJECT");
        prove(store("type = gcs, bucket = " + quote(System.getenv("RS_GCS_BUCKET"))
                        + (project == null || project.isBlank() ? "" : ", project-id = " + quote(project)),
                "remote-store-test/commit-log-" + UUID.randomUUID().toString().substring(0, 12)));
    }

    private static String s3(String type, S3ProxyServer server) {
        return "type = " + type + ", bucket = " + server.bucket() + ", region = " + S3ProxyServer.REGION
                + ", endpoint = " + quote(server.endpoint().toString()) + ", path-style = true"
                + ", credentials { access-key-id = " + quote(S3ProxyServer.ACCESS_KEY)
                + ", secret-access-key = " + quote(S3ProxyServer.SECRET_KEY) + " }";
    }

    private String store(String backend, String rootPath) throws IOException {
        String hocon = "remote-store {\n  backends.b { " + backend + " }\n  stores.data { backend = b, root-path = "
                + quote(rootPath) + " }\n}\n";
        Path file = work.resolve("store.conf");
        Files.writeString(file, hocon);
        return file.toString();
    }

    private void prove(String configFile) throws Exception {
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseFile(Path.of(configFile).toFile()).resolve())) {
            Store store = registry.getStore("data");
            try {
                prove(configFile, store);
            } finally {
                store.deleteFolder("log", true);
            }
        }
    }

    private void prove(String configFile, Store store) throws Exception {
        long t0 = System.nanoTime();
        List<Writer> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                writers.add(Writer.start(work, configFile, "w" + w, w == 0 ? CHECKPOINT_EVERY : 0));
            }
            for (Writer w : writers) {
                w.awaitReady();
            }
            GapWatcher watcher = new GapWatcher(new CommitLog(store));
            Thread watching = new Thread(watcher, "commit-log-reader");
            watching.start();
            long race = System.nanoTime();
            for (Writer w : writers) {
                w.go();
            }
            int conflicts = 0;
            int worst = 0;
            for (Writer w : writers) {
                int[] result = w.awaitDone();
                conflicts += result[0];
                worst = Math.max(worst, result[1]);
            }
            long raceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - race);
            watcher.stop();
            watching.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!watching.isAlive(), "the reader did not stop");

            int total = WRITERS * ENTRIES;
            CommitLog log = new CommitLog(store);
            assertEquals(total - 1, log.latestVersion());
            List<LogEntry> entries = CommitLogTest.entries(log, 0);
            assertNull(CommitLogDemo.check(entries, WRITERS, ENTRIES), "the log as read");

            try (Stream<FileInfo> files = store.listFiles("log", ListOptions.flat().withGlob("*.json"))) {
                LogLayout layout = new LogLayout("log");
                assertEquals(LongStream.range(0, total).mapToObj(layout::entry).toList(),
                        files.map(FileInfo::path).sorted().toList(), "the entry files on the server");
                for (LogEntry e : entries) {
                    assertArrayEquals(store.readBytes(layout.entry(e.version())), e.bytes(), "version " + e.version());
                }
            }

            assertNull(watcher.failure, "the concurrent reader");
            long midRun = watcher.ends.stream().filter(end -> end < total - 1).count();
            assertTrue(midRun >= 1, "the reader never saw the log mid-run, so it checked nothing: " + watcher.ends);
            for (LogEntry seen : watcher.seen) {
                assertArrayEquals(entries.get((int) seen.version()).bytes(), seen.bytes(),
                        "version " + seen.version() + " changed after the reader saw it");
            }
            System.out.printf(Locale.ROOT, "[commit-log] %s: %d JVMs x %d appends in %d ms, %d lost create-only writes"
                            + " (at most %d before one append won), reader polled %d times and saw %d different ends mid-run; %d ms in all%n",
                    store.backendType(), WRITERS, ENTRIES, raceMs, conflicts, worst, watcher.polls, midRun,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } finally {
            for (Writer w : writers) {
                w.kill();
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Polls the log during the run: the end never moves back, and what it reads has no gap. */
    private static final class GapWatcher implements Runnable {
        private final CommitLog log;
        final List<LogEntry> seen = new ArrayList<>();
        /** Every distinct end of the log the reader saw, in order. */
        final List<Long> ends = new ArrayList<>();
        volatile String failure;
        volatile int polls;
        private volatile boolean stopped;

        GapWatcher(CommitLog log) {
            this.log = log;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long latest = -1;
            while (!stopped) {
                try {
                    long now = log.latestVersion();
                    if (now < latest) {
                        failure = "the end moved back from " + latest + " to " + now;
                        return;
                    }
                    if (now != latest) {
                        ends.add(now);
                    }
                    latest = now;
                    try (Stream<LogEntry> fresh = log.read(seen.size())) {
                        for (LogEntry e : (Iterable<LogEntry>) fresh::iterator) {
                            if (e.version() != seen.size()) {
                                failure = "read version " + e.version() + " where " + seen.size() + " was due";
                                return;
                            }
                            seen.add(e);
                        }
                    }
                    if (seen.size() < latest + 1) {
                        failure = "read stopped at " + seen.size() + " below the end " + latest + " it had seen";
                        return;
                    }
                    polls++;
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failure = "the reader failed (a gap is a NotFoundException here): " + e;
                    return;
                }
            }
        }
    }

    /** One child JVM running {@link CommitLogWriterProcess}. */
    private static final class Writer {
        private final Process process;
        private final BufferedReader out;
        private final Path errors;

        private Writer(Process process, Path errors) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.errors = errors;
        }

        static Writer start(Path work, String configFile, String id, int checkpointEvery) throws IOException {
            Path argFile = work.resolve("classpath.args");
            if (!Files.exists(argFile)) {
                // an argument file: a test class path can exceed the limit of one command-line argument
                Files.writeString(argFile, "-cp " + quote(System.getProperty("java.class.path")) + "\n");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path errors = work.resolve(id + ".err");
            Process p = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "@" + argFile,
                    CommitLogWriterProcess.class.getName(), configFile, id, String.valueOf(ENTRIES), String.valueOf(checkpointEvery))
                    .redirectError(errors.toFile())
                    .start();
            return new Writer(p, errors);
        }

        void awaitReady() throws IOException {
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new AssertionError("writer did not start: " + line + "\n" + stderr());
            }
        }

        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        int[] awaitDone() throws Exception {
            String line = out.readLine();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("writer still running after 120 s\n" + stderr());
            }
            if (process.exitValue() != 0 || line == null || !line.startsWith("done ")) {
                throw new AssertionError("writer failed (exit " + process.exitValue() + "): " + line + "\n" + stderr());
            }
            String[] parts = line.split(" ");
            return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        }

        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        private String stderr() {
            try {
                return Files.readString(errors);
            } catch (IOException e) {
                return "(no stderr: " + e + ")";
            }
        }
    }
}
