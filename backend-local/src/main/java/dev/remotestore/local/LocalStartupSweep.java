package dev.remotestore.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk of the whole root, made once when a backend starts, that removes stale temp files
 * left by writers that crashed (adr/0028). It runs on its own daemon thread so that a root of
 * millions of files does not hold up the first {@code getStore}; {@link #stop} ends it early.
 * Folders it leaves empty are pruned.
 */
final class LocalStartupSweep {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStartupSweep.class);

    private final Path realRoot;
    private final LocalTemps temps;
    private final LocalFolders folders;
    private final AtomicLong removed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private LocalStartupSweep(Path realRoot, LocalTemps temps, LocalFolders folders) {
        this.realRoot = realRoot;
        this.temps = temps;
        this.folders = folders;
        this.thread = new Thread(this::run, "remote-store-local-sweep");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts the sweep of {@code realRoot} in the background. */
    static LocalStartupSweep start(Path realRoot, LocalTemps temps, LocalFolders folders) {
        LocalStartupSweep sweep = new LocalStartupSweep(realRoot, temps, folders);
        sweep.thread.start();
        return sweep;
    }

    /** Asks the walk to end at its next entry and waits a moment for it. */
    void stop() {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the walk to end; for tests. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return !thread.isAlive();
    }

    /** How many temp files the walk removed so far. */
    long removed() {
        return removed.get();
    }

    private void run() {
        long started = System.nanoTime();
        try {
            Files.walkFileTree(realRoot, new Visitor());
        } catch (IOException | RuntimeException e) {
            // a root that vanished or turned unreadable: the operations themselves will say so
            LOG.debug("the start-up sweep of {} ended early: {}", realRoot, e.toString());
        }
        if (removed.get() > 0) {
            LOG.info("removed {} temp file(s) older than {} left by interrupted writes under {} ({} ms)", removed.get(),
                    temps.staleAge(), realRoot, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final Set<Path> touched = new HashSet<>();

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (stopped) {
                return FileVisitResult.TERMINATE;
            }
            if (LocalKeys.isTemp(file.getFileName().toString()) && temps.sweepIfStale(file, attrs)) {
                removed.incrementAndGet();
                touched.add(file.getParent());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // removed meanwhile, or unreadable: not ours to report
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (touched.remove(dir)) {
                folders.prune(dir); // a folder that held only a crashed write's temp file
            }
            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }
    }
}
