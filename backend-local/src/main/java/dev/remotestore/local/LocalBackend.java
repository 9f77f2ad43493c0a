package dev.remotestore.local;

import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.local.LocalMetadata.Stored;
import dev.remotestore.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code type = local}: files in a folder of the local filesystem, through {@code java.nio}.
 * Thread-safe; several backends, and several processes, may share a root.
 *
 * <p><b>Writes</b> are atomic (see {@link LocalCommitter}): bytes go to a hidden temp file
 * ({@code .rs-tmp-*}) beside the target, published by rename (overwrite), hard link (create-only,
 * exclusive) or a locked compare-and-swap. Temp files are never listed, and keys with a segment
 * starting {@code .rs-tmp-} are refused with {@code IllegalPathException}. Temp files that a
 * crashed writer left behind (its process killed mid-write) are removed: when older than the
 * stale age, by a background walk of the root when the backend starts and by listings that pass
 * them; whatever their age, with a folder that {@code deleteFolder} deletes. A live write's temp
 * file, in this process or another, is told apart by the OS lock its writer holds (adr/0028).
 *
 * <p><b>Folders</b> are directories; a directory exists while a file lies under it: deletes and
 * moves prune directories they leave empty, up to but excluding the root. A file and a folder of
 * the same name cannot coexist here, unlike on object stores: writing where a folder (or, for a
 * parent, a file) stands fails with {@code AlreadyExistsException}.
 *
 * <p><b>ETags</b> change with every write, identical bytes or not: see {@link LocalEtags}.
 * Content type and user metadata are user extended attributes ({@code user.rs.*}); the backend
 * declares {@link Capability#CONTENT_TYPE} and {@link Capability#USER_METADATA} only where a probe
 * at creation could store one, and {@link Capability#CREATE_ONLY} only where it could make a
 * hard link.
 *
 * <p><b>Symbolic links</b> may be followed while they stay inside the root. A key whose real
 * location (or, for a write, the real location of its deepest existing ancestor) lies outside the
 * root is refused with {@code PermissionDeniedException}: it is a policy refusal of a well-formed
 * path, not a malformed one. Listings do not descend into linked folders and skip linked files
 * that lead outside; {@code isFile} and {@code isFolder} answer {@code false} for such keys.
 * Deletes and renames act on the link itself, never on its target. The limit: the check and the
 * operation are separate system calls, so a process that can write inside the root and swaps a
 * checked directory for a link in between (a TOCTOU race) could still redirect one operation.
 * The backend confines honest misconfiguration and links planted ahead of time, not a hostile
 * local user racing it; such a user needs no library to reach the files.
 */
public final class LocalBackend implements Backend {
    static final String TYPE = "local";

    private final LocalKeys keys;
    private final LocalMetadata metadata;
    private final LocalListing listing;
    private final LocalFolders folders;
    private final LocalCommitter committer;
    private final Capabilities capabilities;
    private final LocalStartupSweep sweep;
    private volatile boolean closed;

    private LocalBackend(Builder b) throws IOException {
        Path root = b.root.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            if (!b.createRoot) {
                throw new NotFoundException("the root folder does not exist and create-root is false", "");
            }
            Files.createDirectories(root);
        }
        if (!Files.isDirectory(root)) {
            throw new NotFoundException("the root is not a folder", "");
        }
        Path realRoot = root.toRealPath();
        boolean xattrs = LocalMetadata.probe(realRoot);
        boolean hardLinks = probeHardLinks(realRoot);
        LocalTemps temps = new LocalTemps(b.staleTempAge);
        this.keys = new LocalKeys(root, realRoot);
        this.metadata = new LocalMetadata(xattrs);
        this.listing = new LocalListing(keys, metadata, temps);
        this.folders = new LocalFolders(keys, listing, temps);
        this.committer = new LocalCommitter(keys, metadata, folders, hardLinks, b.fsync);
        Capabilities caps = Capabilities.of(Capability.COMPARE_AND_SWAP, Capability.ATOMIC_MOVE);
        if (hardLinks) {
            caps = caps.with(Capability.CREATE_ONLY);
        }
        if (xattrs) {
            caps = caps.with(Capability.CONTENT_TYPE).with(Capability.USER_METADATA);
        }
        this.capabilities = caps;
        this.sweep = LocalStartupSweep.start(realRoot, temps, folders);
    }

    /** A backend on {@code root} with the defaults: the root is created if missing, no fsync. */
    public static LocalBackend create(Path root) {
        return builder(root).build();
    }

    /** A builder for a backend on {@code root}. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Builds a {@link LocalBackend}. */
    public static final class Builder {
        private final Path root;
        private boolean createRoot = true;
        private boolean fsync;
        private Duration staleTempAge = LocalTemps.DEFAULT_STALE_AGE;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root is null");
        }

        /** Whether to create the root folder if it is missing (default {@code true}). */
        public Builder createRoot(boolean create) {
            this.createRoot = create;
            return this;
        }

        /**
         * Whether to force a file's bytes (and then its folder) to disk around the atomic rename,
         * so a committed write survives a power failure (default {@code false}: slower when on).
         */
        public Builder fsync(boolean force) {
            this.fsync = force;
            return this;
        }

        /**
         * How old a temp file left by an interrupted write must be before the sweeps at start-up
         * and during listings remove it (default one hour). Temp files of live writes, in this
         * process or another, are never removed, whatever their age; {@code deleteFolder}
         * removes the abandoned ones in the folder whatever their age. See adr/0028.
         *
         * @throws IllegalArgumentException if {@code age} is not positive
         */
        public Builder staleTempAge(Duration age) {
            Objects.requireNonNull(age, "age is null");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("stale-temp-age must be positive: " + age);
            }
            this.staleTempAge = age;
            return this;
        }

        /**
         * Creates the root if asked, probes what its filesystem supports, and starts the
         * background sweep of temp files that crashed writes left under the root.
         *
         * @throws NotFoundException if the root is missing (and not to be created) or not a folder
         * @throws RemoteStoreException if the root cannot be created or inspected
         */
        public LocalBackend build() {
            try {
                return new LocalBackend(this);
            } catch (IOException e) {
                throw LocalErrors.map("", e);
            }
        }
    }

    private static boolean probeHardLinks(Path dir) {
        String id = LocalMetadata.randomId();
        Path file = dir.resolve(LocalKeys.TEMP_PREFIX + "probe-link-" + id);
        Path link = dir.resolve(LocalKeys.TEMP_PREFIX + "probe-link2-" + id);
        try {
            Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.createLink(link, file);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        } finally {
            LocalMetadata.deleteQuietly(link);
            LocalMetadata.deleteQuietly(file);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        Objects.requireNonNull(range, "range is null");
        FileChannel channel = openFile(key);
        return new LocalRangeInputStream(channel, key, range.offset(), range.length().orElse(Long.MAX_VALUE));
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        return openFile(key);
    }

    private FileChannel openFile(String key) {
        return call(key, () -> {
            Path file = regularFile(key).file();
            // NOFOLLOW: the checked real path must not turn into a link before the open
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        });
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        Objects.requireNonNull(data, "data is null");
        try (LocalOutputStream out = openLocal(key, LocalCommitter.Request.of(options))) {
            out.writeAll(data);
            return out.commit();
        }
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        return openLocal(key, LocalCommitter.Request.of(Objects.requireNonNull(options, "options is null")));
    }

    private LocalOutputStream openLocal(String key, LocalCommitter.Request request) {
        checkOpen(key);
        return LocalOutputStream.open(committer, key, request);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        return call(key, () -> {
            LocalListing.Found found = regularFile(key);
            return metadata.info(key, found.file(), found.attrs());
        });
    }

    @Override
    public boolean isFile(String key) {
        return call(key, () -> {
            try {
                regularFile(key);
                return true;
            } catch (NotFoundException | PermissionDeniedException e) {
                return false;
            } catch (IOException e) {
                return falseIfMissing(key, e);
            }
        });
    }

    @Override
    public boolean isFolder(String key) {
        return call(key, () -> {
            if (key.isEmpty()) {
                return true;
            }
            try {
                Path dir = listing.folder(key);
                return dir != null && listing.hasFile(dir);
            } catch (PermissionDeniedException e) {
                return false;
            }
        });
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        return call(folder, () -> listing.files(folder, recursive));
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        return call(folder, () -> listing.folders(folder));
    }

    @Override
    public boolean delete(String key) {
        return call(key, () -> {
            Path entry;
            try {
                entry = keys.entry(key);
            } catch (IOException e) {
                return falseIfMissing(key, e);
            }
            boolean deleted = LocalLocks.with(entry, () -> {
                BasicFileAttributes own;
                try {
                    own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    return falseIfMissing(key, e);
                }
                if (own.isDirectory()) {
                    return false;
                }
                if (own.isSymbolicLink() && listing.asFile(entry, own) == null) {
                    throw LocalErrors.outsideRoot(key);
                }
                return Files.deleteIfExists(entry);
            });
            if (deleted) {
                folders.prune(entry.getParent());
            }
            return deleted;
        });
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        return call(folder, () -> folders.delete(folder, recursive));
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        LocalCommitter.Request request = call(sourceKey, () -> {
            Stored stored = metadata.read(regularFile(sourceKey).file());
            return new LocalCommitter.Request(overwrite ? WriteOptions.Mode.OVERWRITE : WriteOptions.Mode.CREATE_ONLY,
                    null, stored.contentType(), stored.metadata());
        });
        FileChannel source = openFile(sourceKey);
        try (source; LocalOutputStream out = openLocal(targetKey, request)) {
            out.transferFrom(source);
            return out.commit();
        } catch (IOException e) {
            throw LocalErrors.map(sourceKey, e);
        }
    }

    /** A kernel copy of the file into a staged temp file, published like every write (see {@link LocalFileTransfers}). */
    @Override
    public WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(progress, "progress is null");
        checkOpen(key);
        return LocalFileTransfers.upload(committer, key, file,
                LocalCommitter.Request.of(Objects.requireNonNull(options, "options is null")), progress);
    }

    /** A kernel copy out of the stored file, pinned to the expected version (see {@link LocalFileTransfers}). */
    @Override
    public void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        Objects.requireNonNull(expected, "expected is null");
        Objects.requireNonNull(progress, "progress is null");
        LocalFileTransfers.download(openFile(key), key, expected, () -> getFileInfo(key), target, progress);
    }

    @Override
    public WriteResult move(String sourceKey, String targetKey, boolean overwrite) {
        return call(sourceKey, () -> committer.move(sourceKey, targetKey, overwrite));
    }

    /** {@code unwrap(Path.class)} gives the root folder (absolute, as configured); nothing else. */
    @Override
    public Set<Class<?>> unwrapTypes() {
        return Set.of(Path.class);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        checkOpen(null); // a closed backend lends nothing (adr/0029)
        return type == Path.class ? Optional.of(type.cast(keys.root())) : Optional.empty();
    }

    @Override
    public void ping() {
        checkOpen("");
        if (!Files.isDirectory(keys.root())) {
            throw new NotFoundException("the root folder is missing or not a folder", "");
        }
    }

    /** Marks the backend closed and stops its start-up sweep. */
    @Override
    public void close() {
        closed = true;
        sweep.stop();
    }

    /** The background sweep started with this backend; for tests. */
    LocalStartupSweep startupSweep() {
        return sweep;
    }

    @Override
    public String toString() {
        return "LocalBackend{root=" + keys.root() + ", capabilities=" + capabilities + (closed ? ", closed" : "") + '}';
    }

    /** The regular file {@code key} names, following links inside the root; {@code NotFoundException} otherwise. */
    private LocalListing.Found regularFile(String key) throws IOException {
        keys.filePath(key);
        LocalKeys.Resolved resolved = keys.resolve(key);
        BasicFileAttributes attrs = resolved.attrs();
        if (!attrs.isRegularFile()) {
            throw new NotFoundException(attrs.isDirectory() ? "a folder, not a file" : "not a regular file", key);
        }
        return new LocalListing.Found(resolved.path(), attrs);
    }

    /** {@code false} if the failure means nothing is at the key (also when a file stands where a folder would be). */
    private static boolean falseIfMissing(String key, IOException e) throws IOException {
        if (LocalErrors.map(key, e) instanceof NotFoundException) {
            return false;
        }
        throw e;
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    private <T> T call(String key, IoCall<T> operation) {
        checkOpen(key);
        try {
            return operation.run();
        } catch (IOException e) {
            throw LocalErrors.map(key, e);
        }
    }

    private void checkOpen(String key) {
        if (closed) {
            throw new StoreClosedException("the local backend is closed", key);
        }
    }
}
