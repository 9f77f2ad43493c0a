package dev.remotestore.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the temp files of live writes from those a crashed writer left behind, and removes the
 * latter (adr/0028).
 *
 * <p>A writer holds an exclusive OS lock on its temp file while it writes ({@link #own}); the
 * kernel drops the lock when the process dies, even by {@code kill -9}. A temp file is
 * <em>abandoned</em> when no writer of this JVM has it open and a {@code tryLock} on it succeeds.
 * Writers of this JVM are known by name instead of by lock: on POSIX, closing any descriptor of a
 * file drops every lock the process holds on it, so this JVM never opens a temp file of its own.
 *
 * <p>Where the filesystem has no working locks, the age alone decides.
 */
final class LocalTemps {
    /** The default of {@code stale-temp-age}. */
    static final Duration DEFAULT_STALE_AGE = Duration.ofHours(1);

    /** Temp files this JVM is writing, by absolute path: shared by every backend of the JVM. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Duration staleAge;

    LocalTemps(Duration staleAge) {
        this.staleAge = Objects.requireNonNull(staleAge, "staleAge is null");
        if (staleAge.isNegative() || staleAge.isZero()) {
            throw new IllegalArgumentException("the stale temp age must be positive: " + staleAge);
        }
    }

    Duration staleAge() {
        return staleAge;
    }

    /** Marks {@code tmp} as written by this JVM, before it is created. */
    static void register(Path tmp) {
        LIVE.add(tmp);
    }

    /** Ends {@link #register}: the temp file is published, deleted, or was never made. */
    static void release(Path tmp) {
        LIVE.remove(tmp);
    }

    /**
     * Takes the writer's lock on a freshly created temp file, for other processes to see that it
     * is live. Held until the channel closes. A filesystem without locks is not an error: the
     * age rule then protects the file.
     */
    static void own(FileChannel channel) {
        try {
            channel.tryLock();
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            // no lock here: sweeps in other processes fall back to the file's age
        }
    }

    /**
     * Deletes the temp file if it is abandoned and older than the stale age: the rule for the
     * sweeps at start-up and during listings, which may meet a write whose lock is not taken
     * yet or already released (between create and lock, between close and publish).
     *
     * @return whether it was deleted
     */
    boolean sweepIfStale(Path tmp, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile() || !olderThanStaleAge(attrs)) {
            return false;
        }
        return deleteIfAbandoned(tmp, true);
    }

    /**
     * Deletes the temp file if it is abandoned, whatever its age: the rule for
     * {@code deleteFolder}. Where locks do not work, only a file older than the stale age goes.
     */
    boolean deleteWithFolder(Path tmp, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile()) {
            return false;
        }
        return deleteIfAbandoned(tmp, olderThanStaleAge(attrs));
    }

    private boolean olderThanStaleAge(BasicFileAttributes attrs) {
        long ageMillis = System.currentTimeMillis() - attrs.lastModifiedTime().toMillis();
        return ageMillis > staleAge.toMillis();
    }

    /**
     * @param oldEnoughWithoutLocks whether the file may go when the filesystem cannot tell by lock
     */
    private static boolean deleteIfAbandoned(Path tmp, boolean oldEnoughWithoutLocks) {
        if (LIVE.contains(tmp)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // this JVM holds it under another name (a link into the folder)
            } catch (IOException | UnsupportedOperationException e) {
                return oldEnoughWithoutLocks && delete(tmp); // no locks on this filesystem: the age decides
            }
            // null: a live writer in another process holds it. Otherwise it is deleted while we hold
            // the lock, so a writer that opened it meanwhile cannot have locked it.
            return lock != null && delete(tmp);
        } catch (NoSuchFileException e) {
            return false; // published or removed meanwhile
        } catch (IOException | RuntimeException e) {
            return false; // not ours to judge (permissions, a special file): left alone
        }
    }

    private static boolean delete(Path tmp) {
        try {
            return Files.deleteIfExists(tmp);
        } catch (IOException e) {
            return false;
        }
    }
}
