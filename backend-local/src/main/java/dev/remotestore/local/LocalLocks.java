package dev.remotestore.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-path mutual exclusion inside the JVM: a fixed set of striped locks, shared by every local
 * backend of the JVM (two backends may share a root). Every change to a file (publish, delete,
 * move) holds the lock of its real path, which makes compare-and-swap atomic against every other
 * writer in the JVM; other processes are excluded by an OS file lock in the compare-and-swap
 * itself (see {@link LocalCommitter}). Two keys sharing a stripe only wait for each other.
 */
final class LocalLocks {
    private static final int STRIPES = 1024;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    /** Work done under a lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    private LocalLocks() {
    }

    /** Runs {@code work} holding the lock of {@code path}. */
    static <T> T with(Path path, Locked<T> work) throws IOException {
        ReentrantLock lock = LOCKS[index(path)];
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the locks of both paths, taken in a fixed order so two callers cannot deadlock. */
    static <T> T with(Path a, Path b, Locked<T> work) throws IOException {
        int i = index(a);
        int j = index(b);
        ReentrantLock first = LOCKS[Math.min(i, j)];
        ReentrantLock second = LOCKS[Math.max(i, j)];
        first.lock();
        try {
            second.lock(); // reentrant, so i == j is fine
            try {
                return work.run();
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private static int index(Path path) {
        int h = path.hashCode();
        h ^= h >>> 16;
        return Math.floorMod(h * 0x9E3779B9, STRIPES);
    }
}
