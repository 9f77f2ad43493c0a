package dev.remotestore.examples.commitlog;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An append-only log of entries, numbered 0, 1, 2, ..., kept in a folder of any {@link Store}
 * and shared by any number of writers in any number of processes, with no lock service: the
 * pattern of Delta Lake's {@code _delta_log} on object storage.
 *
 * <p><b>Protocol.</b> Version {@code v} is the file {@code <folder>/<v in 20 digits>.json},
 * written <em>create-only</em>. A writer claims {@code v} by creating that file; the server (or
 * file system) lets exactly one create succeed, so exactly one writer owns each version. A writer
 * that loses reads the entry it lost to, and tries {@code v + 1}. A writer only tries {@code v}
 * once it has seen {@code v - 1}, and entry files are never changed or deleted, so the committed
 * versions are always a prefix {@code 0..L}: a reader never meets a gap that is filled later.
 *
 * <p><b>Guarantees</b>, given create-only writes decided by the server (a backend without them
 * refuses the first append with {@code UnsupportedCapabilityException}; a server that accepts
 * the precondition and ignores it breaks every guarantee below):
 * <ul>
 *   <li>every successful {@link #append} owns its version alone; no committed entry is lost;
 *   <li>versions have no gap and no duplicate; an entry never changes once committed;
 *   <li>one writer's entries appear in the order it appended them;
 *   <li>{@link #read} from any version yields consecutive versions as committed.
 * </ul>
 *
 * <p><b>Finding the end.</b> {@link #latestVersion()} starts from the newest version this object
 * has seen or the checkpoint hint {@code _last_checkpoint}, whichever is later, and probes single
 * files forward (see {@code VersionProbe}): a few requests whatever the log's length. The hint is
 * advisory; it may lag, and correctness never depends on it.
 *
 * <p><b>Checkpoints</b> ({@link #checkpoint()}) copy entries 0..V into one file, as Delta's
 * checkpoints do, so a reader from the start needs one request instead of V. They touch no entry
 * file, so appends running meanwhile are not disturbed; entry files are kept (deleting one
 * would let a writer with a stale view claim its version again).
 *
 * <p>Thread-safe; one instance may be shared by threads, or each thread and process may have its
 * own. Errors are the store's {@code RemoteStoreException}s, plus {@link CorruptLogException} for
 * a checkpoint this class did not write.
 */
public final class CommitLog {
    private final Store store;
    private final LogLayout layout;
    private final CheckpointHint hint;
    /** Before this object has looked at the log at all: then an append must look first. */
    private static final long NOT_LOOKED = -2;

    /** The newest version this object has seen committed; -1 after seeing an empty log. */
    private final AtomicLong seen = new AtomicLong(NOT_LOOKED);

    /** A log in the folder {@code log} of the store. */
    public CommitLog(Store store) {
        this(store, "log");
    }

    /** A log in {@code folder} of the store. */
    public CommitLog(Store store, String folder) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.layout = new LogLayout(folder);
        this.hint = new CheckpointHint(store, layout.hint());
    }

    /** The store the log lives in. */
    public Store store() {
        return store;
    }

    /** Appends an entry at the next free version. Same as {@code append(entry, lost -> {})}. */
    public Appended append(byte[] entry) {
        return append(entry, lost -> { });
    }

    /**
     * Appends an entry at the next free version and returns that version.
     *
     * <p>It first tries the version after the newest this object has seen (after
     * {@link #latestVersion()} on its first use). When another writer has taken that version, it
     * reads the winner's entry and every entry committed after it, passes each to {@code onLost}
     * in order, and tries the version after the last. So {@code onLost} sees every entry committed
     * between what this object had seen and the entry's own version: a writer that must not commit
     * over some change (Delta's conflict check) throws from {@code onLost}, and then nothing is
     * written.
     *
     * @throws dev.remotestore.UnsupportedCapabilityException if the backend has no create-only writes
     */
    public Appended append(byte[] entry, Consumer<LogEntry> onLost) {
        Objects.requireNonNull(entry, "entry is null");
        Objects.requireNonNull(onLost, "onLost is null");
        long version = (seen.get() == NOT_LOOKED ? latestVersion() : seen.get()) + 1;
        int conflicts = 0;
        while (true) {
            try {
                store.write(layout.entry(version), entry, WriteOptions.createOnly());
                advanceSeen(version);
                return new Appended(version, conflicts);
            } catch (AlreadyExistsException lost) {
                conflicts++;
                // Catch up to the end before trying again: reading the entries in between costs
                // what trying each of them would, without a failed write per version.
                long end = latestFrom(version);
                for (long v = version; v <= end; v++) {
                    onLost.accept(entry(v));
                }
                version = end + 1;
            }
        }
    }

    /**
     * The newest committed version, -1 for an empty log: the newest at some moment during the
     * call. Costs a read of the hint and about {@code 2·log2(d)} existence checks, {@code d}
     * being how far the log has moved past the later of the hint and what this object had seen.
     */
    public long latestVersion() {
        return latestFrom(trustedHint());
    }

    /**
     * The entries from {@code fromVersion} to the newest committed when the call starts, in
     * version order, read lazily. Starts from the newest checkpoint when it covers
     * {@code fromVersion} (one request for the whole checkpoint), then reads one file per
     * version after it. Close the stream.
     */
    public Stream<LogEntry> read(long fromVersion) {
        if (fromVersion < 0) {
            throw new IllegalArgumentException("fromVersion is negative: " + fromVersion);
        }
        long checkpoint = trustedHint();
        long last = latestFrom(checkpoint);
        return entries(fromVersion, last, checkpoint);
    }

    /**
     * Writes a checkpoint of entries 0 to the newest committed version V, then moves the hint to
     * it, and returns V (-1, writing nothing, for an empty log). Built from the previous
     * checkpoint plus the entries after it. Appends running meanwhile go on at V + 1 and later,
     * which the checkpoint does not cover and does not touch. Two processes checkpointing the same
     * V write the same bytes; the second one's create-only write fails and is ignored.
     */
    public long checkpoint() {
        long previous = trustedHint();
        long target = latestFrom(previous);
        if (target < 0 || target <= previous) {
            return Math.max(target, previous);
        }
        try (Stream<LogEntry> all = entries(0, target, previous)) {
            Iterator<LogEntry> it = all.iterator();
            store.write(layout.checkpoint(target), WriteOptions.createOnly(), out -> CheckpointFile.write(out, target, it));
        } catch (AlreadyExistsException sameCheckpoint) {
            // another process checkpointed this same version: entries are immutable, so the bytes are the same
        }
        hint.advanceTo(target);
        return target;
    }

    /**
     * The hint's version if its checkpoint is there, else -1: one existence check when the hint
     * is newer than what this object has seen. A checkpoint is written only after its versions
     * were committed, so a hint that passes this check never points past the log.
     */
    private long trustedHint() {
        long named = hint.read();
        if (named < 0) {
            return -1;
        }
        if (named <= seen.get()) {
            return named;
        }
        return store.isFile(layout.checkpoint(named)) ? named : -1;
    }

    private long latestFrom(long known) {
        long latest = VersionProbe.latest(v -> store.isFile(layout.entry(v)), Math.max(known, seen.get()));
        advanceSeen(latest);
        return latest;
    }

    private Stream<LogEntry> entries(long from, long last, long checkpoint) {
        if (from > last) {
            return Stream.empty();
        }
        Stream<LogEntry> tail = LongStream.rangeClosed(Math.max(from, checkpoint + 1), last).mapToObj(this::entry);
        if (checkpoint < from) {
            return tail;
        }
        String path = layout.checkpoint(checkpoint);
        InputStream in = store.read(path);
        Iterator<LogEntry> compacted = CheckpointFile.read(in);
        Iterator<LogEntry> guarded = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return compacted.hasNext();
                } catch (UncheckedIOException e) {
                    throw corrupt(path, e);
                }
            }

            @Override
            public LogEntry next() {
                try {
                    return compacted.next();
                } catch (UncheckedIOException e) {
                    throw corrupt(path, e);
                }
            }
        };
        Stream<LogEntry> head = StreamSupport.stream(
                        Spliterators.spliterator(guarded, checkpoint + 1, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .filter(e -> e.version() >= from)
                .onClose(() -> closeQuietly(in));
        return Stream.concat(head, tail);
    }

    private LogEntry entry(long version) {
        // A missing entry inside 0..latest cannot happen while entry files are never deleted;
        // if one was deleted by hand, the store's NotFoundException names it.
        return new LogEntry(version, store.readBytes(layout.entry(version)));
    }

    private CorruptLogException corrupt(String path, UncheckedIOException e) {
        return new CorruptLogException("unreadable checkpoint: " + e.getCause().getMessage(),
                store.name(), store.backendType(), path, e.getCause());
    }

    private void advanceSeen(long version) {
        seen.accumulateAndGet(version, Math::max);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (Exception e) {
            // a read-only stream; nothing is lost by a failed close
        }
    }

    @Override
    public String toString() {
        return "CommitLog[store=" + store.name() + ", folder=" + layout.folder() + "]";
    }
}
