package dev.remotestore.local;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.local.LocalMetadata.Stored;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes writes atomic. Bytes go to a hidden temp file in the target's folder, which is then
 * published in one step that readers cannot observe half-done:
 *
 * <ul>
 *   <li>overwrite: {@code rename(2)} over the target ({@code ATOMIC_MOVE});
 *   <li>create-only: {@code link(2)} of the target to the temp file, which fails if the target
 *       exists: an exclusive create, not a check-then-write; the temp name is then removed;
 *   <li>compare-and-swap: under the target's {@link LocalLocks JVM lock} and an OS lock on the
 *       current target file (for other processes), the target's ETag is read again and the temp
 *       file renamed over it only if it matches. A process that took the OS lock on a file that
 *       was replaced while it waited sees a different inode at the path and starts over.
 * </ul>
 *
 * <p>A temp file never outlives its write: every failure path deletes it, and prunes folders
 * the write created that are empty again. While it is written, the temp file carries an OS lock
 * and is known to this JVM as live ({@link LocalTemps}), so that only a crashed writer's temp
 * files are swept.
 */
final class LocalCommitter {
    private static final int STAGE_ATTEMPTS = 8;

    /** What a write asks for. */
    record Request(WriteOptions.Mode mode, String expectedEtag, Optional<String> contentType, Map<String, String> metadata) {
        static Request of(WriteOptions options) {
            return new Request(options.mode(), options.expectedEtag().orElse(null), options.contentType(), options.metadata());
        }
    }

    /** A temp file open for writing in {@code dir}, to be published at {@code target}. */
    record Staged(String key, Path dir, Path tmp, Path target, FileChannel channel) {
    }

    private final LocalKeys keys;
    private final LocalMetadata metadata;
    private final LocalFolders folders;
    private final boolean hardLinks;
    private final boolean fsync;

    LocalCommitter(LocalKeys keys, LocalMetadata metadata, LocalFolders folders, boolean hardLinks, boolean fsync) {
        this.keys = keys;
        this.metadata = metadata;
        this.folders = folders;
        this.hardLinks = hardLinks;
        this.fsync = fsync;
    }

    boolean fsync() {
        return fsync;
    }

    /** Checks what can be refused before any byte is written. */
    void checkSupported(String key, Request request) {
        if (request.mode() == WriteOptions.Mode.CREATE_ONLY && !hardLinks) {
            throw new UnsupportedCapabilityException(
                    "the root's filesystem has no hard links, so a create-only write cannot be exclusive", key);
        }
        if (!metadata.supported() && (request.contentType().isPresent() || !request.metadata().isEmpty())) {
            throw new UnsupportedCapabilityException(
                    "the root's filesystem has no user extended attributes to store a content type or metadata in", key);
        }
    }

    /**
     * Creates the temp file beside the target, creating folders as needed. A concurrent delete
     * may prune a folder between its creation and the temp file's; that is retried.
     */
    Staged stage(String key) throws IOException {
        String name = keys.filePath(key).getFileName().toString();
        IOException last = null;
        for (int attempt = 0; attempt < STAGE_ATTEMPTS; attempt++) {
            // a retry takes the general route, which also tells a vanished root from a pruned folder
            Path dir = attempt == 0 ? keys.parentForWrite(key) : keys.parentForWriteByRealPath(key);
            Path tmp = dir.resolve(LocalKeys.TEMP_PREFIX + LocalMetadata.randomId());
            LocalTemps.register(tmp); // before it exists: sweeps of this JVM never open it
            try {
                FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                LocalTemps.own(channel); // other processes' sweeps see the lock; a kill -9 drops it
                return new Staged(key, dir, tmp, dir.resolve(name), channel);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                LocalTemps.release(tmp);
                last = e;
            } catch (IOException | RuntimeException e) {
                LocalTemps.release(tmp);
                throw e;
            }
        }
        throw last;
    }

    /**
     * Publishes a staged file whose channel the caller has closed. The temp name is gone
     * afterwards whether this succeeds or fails; on failure the caller still calls {@link #discard}.
     */
    WriteResult commit(Staged s, Request request) throws IOException {
        try {
            Stored stored = new Stored(request.contentType(), request.metadata(), metadata.newWriteId());
            metadata.write(s.tmp(), stored);
            // identity, size, mtime and write id survive rename and link: this is the published file's tag
            String etag = LocalEtags.of(Files.readAttributes(s.tmp(), BasicFileAttributes.class), stored.writeId());
            boolean renamed = LocalLocks.with(s.target(), () -> {
                switch (request.mode()) {
                    case OVERWRITE -> replace(s.key(), s.tmp(), s.target());
                    case CREATE_ONLY -> link(s.key(), s.tmp(), s.target());
                    case IF_MATCH -> compareAndSwap(s, request.expectedEtag());
                    default -> throw new IllegalStateException(request.mode().toString());
                }
                return request.mode() != WriteOptions.Mode.CREATE_ONLY; // a link leaves the temp name behind
            });
            if (!renamed) {
                LocalMetadata.deleteQuietly(s.tmp());
            }
            if (fsync) {
                syncDirectory(s.dir());
            }
            return new WriteResult(s.key(), etag, Optional.empty());
        } catch (IOException | RuntimeException e) {
            LocalMetadata.deleteQuietly(s.tmp());
            throw e;
        } finally {
            LocalTemps.release(s.tmp());
        }
    }

    /** Abandons a staged file: closes and deletes it, and prunes folders left empty. */
    void discard(Staged s) {
        try {
            s.channel().close();
        } catch (IOException e) {
            // the file is deleted next; nothing of it matters any more
        }
        LocalMetadata.deleteQuietly(s.tmp());
        LocalTemps.release(s.tmp());
        folders.prune(s.dir());
    }

    /**
     * Moves the file at {@code sourceKey} to {@code targetKey}: a rename (overwrite) or a link
     * then unlink (create-only), both atomic for readers of the target.
     */
    WriteResult move(String sourceKey, String targetKey, boolean overwrite) throws IOException {
        Path source = keys.entry(sourceKey);
        String name = keys.filePath(targetKey).getFileName().toString();
        for (int attempt = 1; ; attempt++) {
            Path dir = attempt == 1 ? keys.parentForWrite(targetKey) : keys.parentForWriteByRealPath(targetKey);
            Path target = dir.resolve(name);
            try {
                String etag = LocalLocks.with(source, target, () -> {
                    String tag = etagOfFile(sourceKey, source);
                    if (overwrite) {
                        replace(targetKey, source, target);
                    } else {
                        link(targetKey, source, target);
                        Files.delete(source);
                    }
                    return tag;
                });
                if (fsync) {
                    syncDirectory(dir);
                }
                folders.prune(source.getParent());
                return new WriteResult(targetKey, etag, Optional.empty());
            } catch (NoSuchFileException e) {
                // the target's folder was pruned by a concurrent delete: retry; a missing source is final
                boolean sourceExists = Files.exists(source, LinkOption.NOFOLLOW_LINKS);
                if (!sourceExists || attempt >= STAGE_ATTEMPTS) {
                    folders.prune(dir);
                    if (sourceExists) {
                        throw e;
                    }
                    throw new NotFoundException("no file to move", sourceKey, e);
                }
            } catch (IOException | RuntimeException e) {
                folders.prune(dir); // folders this move created for nothing
                throw e;
            }
        }
    }

    private String etagOfFile(String key, Path entry) throws IOException {
        Path file = entry;
        if (Files.isSymbolicLink(entry)) {
            file = keys.real(key);
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no file at this key", key, e);
        }
        if (!attrs.isRegularFile()) {
            throw new NotFoundException("not a file", key);
        }
        return metadata.etag(file, attrs);
    }

    private static void replace(String key, Path from, Path target) throws IOException {
        try {
            // on POSIX an atomic move replaces an existing file: rename(2); over a folder it fails
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new AlreadyExistsException("a folder exists at this key", key, e);
            }
            throw e;
        }
    }

    private void link(String key, Path existing, Path target) throws IOException {
        if (!hardLinks) {
            throw new UnsupportedCapabilityException(
                    "the root's filesystem has no hard links, so a create-only write cannot be exclusive", key);
        }
        Files.createLink(target, existing);
    }

    private void compareAndSwap(Staged s, String expected) throws IOException {
        Objects.requireNonNull(expected, "expected etag is null");
        while (true) {
            BasicFileAttributes before = currentFile(s);
            Path file = Files.isSymbolicLink(s.target()) ? keys.real(s.key()) : s.target();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                lock(channel); // released when the channel closes
                BasicFileAttributes now;
                try {
                    now = Files.readAttributes(s.target(), BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // deleted while we waited: the next round reports it
                }
                if (!Objects.equals(now.fileKey(), before.fileKey())) {
                    continue; // replaced while we waited: we hold the lock of a stale file
                }
                String current = metadata.etag(file, now);
                if (!current.equals(expected)) {
                    throw new PreconditionFailedException("the file's ETag is " + current + ", not " + expected, s.key());
                }
                Files.move(s.tmp(), s.target(), StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (NoSuchFileException e) {
                // deleted between the stat and the open: the next round reports it
            }
        }
    }

    private BasicFileAttributes currentFile(Staged s) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(s.target(), BasicFileAttributes.class);
            if (attrs.isRegularFile()) {
                return attrs;
            }
        } catch (NoSuchFileException e) {
            throw new PreconditionFailedException("no file to compare the ETag with", s.key(), e);
        }
        throw new PreconditionFailedException("no file to compare the ETag with (a folder is there)", s.key());
    }

    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // this JVM holds the file's lock under another key (a symlink alias): wait it out
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a file lock");
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some filesystems cannot sync a directory; the file's own bytes were forced already
        }
    }
}
