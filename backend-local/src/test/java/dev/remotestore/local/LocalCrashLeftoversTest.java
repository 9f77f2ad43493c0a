package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with {@code kill -9} in the middle of a streaming write to {@code local}
 * leaves its temp file behind; what a new process then sees, and when the file goes (adr/0028).
 * The writer is a child JVM ({@link SlowLocalWriter}), killed by {@code destroyForcibly()}:
 * SIGKILL on Linux, so no shutdown hook or finally block runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalCrashLeftoversTest {
    private static final String KEY = "logs/day1/big.bin";

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLiveWriterInAnotherProcessKeepsItsTempFileAndAKilledOnesGoesWithItsFolder() throws Exception {
        Path root = temp.resolve("root");
        startWriter(root);
        Path tmp = onlyTempFile(root);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        // alive, and older than any age: no sweep may take it, the lock says a writer is on it
        LocalBackend sweeping = LocalBackend.builder(root).staleTempAge(Duration.ofSeconds(1)).build();
        try {
            assertTrue(sweeping.startupSweep().await(30, TimeUnit.SECONDS));
            Store store = Store.of("s", sweeping);
            assertEquals(List.of(), files(store));
            assertEquals(0, store.deleteFolder("logs", true));
            assertTrue(Files.exists(tmp), "a live write's temp file survives sweeps and deleteFolder");
        } finally {
            sweeping.close();
        }

        kill();
        assertTrue(Files.exists(tmp), "the kill left the temp file behind");

        try (Registry registry = registry(root, "1h")) {
            Store store = registry.getStore("s");
            assertEquals(List.of(), files(store), "a crashed write is never listed");
            assertFalse(store.isFolder("logs"));

            assertEquals(0, store.deleteFolder("logs", true));

            assertEquals(Set.of(), onDisk(root), "deleteFolder takes the crashed write's temp file and the folders with it");
        }
    }

    @Test
    void aNewRegistryRemovesStaleTempFilesWhenTheBackendStarts() throws Exception {
        Path root = temp.resolve("root");
        startWriter(root);
        Path tmp = onlyTempFile(root);
        kill();
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Path young = root.resolve("logs/.rs-tmp-crashed-just-now"); // as a kill a moment ago leaves it
        Files.write(young, new byte[10]);

        try (Registry registry = registry(root, "1h")) {
            registry.getStore("s"); // creates the backend, which starts its sweep of the root
            awaitGone(tmp);
            awaitGone(tmp.getParent()); // the folder only the crashed write's temp file kept is pruned
        }

        assertTrue(Files.exists(young), "a temp file younger than stale-temp-age stays");
    }

    @Test
    void aListingRemovesStaleTempFilesItPasses() throws Exception {
        Path root = temp.resolve("root");
        try (Registry registry = registry(root, "10m")) {
            Store store = registry.getStore("s");
            store.write("logs/day1/kept.txt", new byte[] {1});
            startWriter(root); // after the backend's own start-up sweep
            Path tmp = onlyTempFile(root);
            kill();

            assertEquals(List.of("logs/day1/kept.txt"), files(store));
            assertTrue(Files.exists(tmp), "younger than stale-temp-age: kept");

            Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
            assertEquals(List.of("logs/day1/kept.txt"), files(store));

            assertFalse(Files.exists(tmp), "the listing removed the stale temp file it passed");
            assertEquals(Set.of("logs", "logs/day1", "logs/day1/kept.txt"), onDisk(root));
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private static Registry registry(Path root, String staleAge) {
        String path = '"' + root.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return Registry.fromHocon("remote-store { backends { b { type = local, root = " + path
                + ", stale-temp-age = " + staleAge + " } }, stores { s { backend = b } } }");
    }

    /** Starts {@link SlowLocalWriter} on {@code root} and waits until its bytes are on disk. */
    private void startWriter(Path root) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SlowLocalWriter.class.getName(), root.toString(), KEY).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals(SlowLocalWriter.READY)) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                return seen.toString();
            } catch (IOException e) {
                return e.toString();
            }
        });
        String answer = ready.get(60, TimeUnit.SECONDS);
        assertEquals(SlowLocalWriter.READY, answer, "the child writer did not start");
        assertTrue(Files.size(onlyTempFile(root)) > 0, "the child has bytes in its temp file");
    }

    /** SIGKILL: no finally block, no shutdown hook, no close of the stream. */
    private void kill() throws InterruptedException {
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    private static Path onlyTempFile(Path root) throws IOException {
        try (Stream<Path> all = Files.list(root.resolve("logs/day1"))) {
            List<Path> temps = all.filter(p -> p.getFileName().toString().startsWith(LocalKeys.TEMP_PREFIX)).toList();
            assertEquals(1, temps.size(), () -> "one temp file in " + temps);
            return temps.get(0);
        }
    }

    private static void awaitGone(Path file) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); Files.exists(file); ) {
            assertTrue(System.nanoTime() < deadline, "the start-up sweep did not remove " + file);
            Thread.sleep(20);
        }
    }

    private static List<String> files(Store store) {
        try (Stream<FileInfo> files = store.listFiles("", ListOptions.recursive())) {
            return files.map(FileInfo::path).sorted().toList();
        }
    }

    private static Set<String> onDisk(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
    }
}
