package dev.remotestore.local;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.NotFoundException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazy listings, and the one rule of what counts as a file: a regular file, or a symbolic link to
 * a regular file inside the root, whose name a key can reach (not a temp file). Symbolic links to
 * folders are not followed, links that leave the root are skipped.
 *
 * <p>Listings remove the stale temp files of crashed writers they pass ({@link LocalTemps}).
 *
 * <p>Listings walk open {@link DirectoryStream}s, one per level of the current descent, so memory
 * does not grow with the number of entries; the returned stream's {@code close} closes them.
 */
final class LocalListing {
    /** A file found in a listing: the path to read it at (the real path for a link) and its attributes. */
    record Found(Path file, BasicFileAttributes attrs) {
    }

    private final LocalKeys keys;
    private final LocalMetadata metadata;
    private final LocalTemps temps;

    LocalListing(LocalKeys keys, LocalMetadata metadata, LocalTemps temps) {
        this.keys = keys;
        this.metadata = metadata;
        this.temps = temps;
    }

    /** The real path of the folder at {@code folderKey}, or {@code null} if no folder is there. */
    Path folder(String folderKey) throws IOException {
        Path real;
        try {
            real = keys.real(folderKey);
        } catch (IOException e) {
            if (LocalErrors.map(folderKey, e) instanceof NotFoundException) {
                return null;
            }
            throw e;
        }
        return Files.isDirectory(real) ? real : null;
    }

    /**
     * Whether {@code entry}, with its own (not followed) attributes, counts as a file; if so,
     * where to read it.
     */
    Found asFile(Path entry, BasicFileAttributes own) {
        if (own.isRegularFile()) {
            return new Found(entry, own);
        }
        if (!own.isSymbolicLink()) {
            return null;
        }
        try {
            Path real = entry.toRealPath();
            if (!keys.isInside(real)) {
                return null;
            }
            BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class);
            return target.isRegularFile() ? new Found(real, target) : null;
        } catch (IOException e) {
            return null; // dangling or looping link: not a file
        }
    }

    /** Whether a file lies anywhere under the directory; stops at the first. */
    boolean hasFile(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!LocalKeys.isAddressable(entry.getFileName().toString())) {
                    continue;
                }
                BasicFileAttributes own;
                try {
                    own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (own.isDirectory() ? hasFile(entry) : asFile(entry, own) != null) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    /** The files under the folder; a missing folder, or a file in its place, lists as empty. */
    Stream<FileInfo> files(String folderKey, boolean recursive) throws IOException {
        Path dir = folder(folderKey);
        if (dir == null) {
            return Stream.empty();
        }
        return stream(new FileWalker(dir, folderKey, recursive));
    }

    /** The direct sub-folders that hold at least one file. */
    Stream<FolderEntry> folders(String folderKey) throws IOException {
        Path dir = folder(folderKey);
        if (dir == null) {
            return Stream.empty();
        }
        return stream(new FolderWalker(dir, folderKey));
    }

    /**
     * A listing passes every temp file of the folders it reads: the one whose writer crashed
     * long enough ago goes (adr/0028). Costs an {@code lstat} for temp files only.
     */
    private void sweepIfTemp(Path entry, String name) {
        if (!LocalKeys.isTemp(name)) {
            return;
        }
        try {
            temps.sweepIfStale(entry, Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            // gone already
        }
    }

    private static <T> Stream<T> stream(LazyIterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.NONNULL), false)
                .onClose(iterator::close);
    }

    /** One open directory of a descent. */
    private record Frame(DirectoryStream<Path> stream, Iterator<Path> entries, String key) {
        static Frame open(Path dir, String key) throws IOException {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
            return new Frame(stream, stream.iterator(), key);
        }

        void close() {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing was written through it; there is nothing to lose
            }
        }
    }

    /** An iterator whose next element is computed on demand; {@code null} from {@link #advance} ends it. */
    private abstract static class LazyIterator<T> implements Iterator<T>, Closeable {
        final Deque<Frame> frames = new ArrayDeque<>();
        private T next;

        abstract T advance();

        /** The next entry of the deepest open directory, closing directories as they run out. */
        final Path nextEntry() {
            while (!frames.isEmpty()) {
                Frame top = frames.peek();
                try {
                    if (top.entries().hasNext()) {
                        return top.entries().next();
                    }
                } catch (DirectoryIteratorException e) {
                    throw LocalErrors.map(top.key(), e.getCause());
                }
                frames.pop().close();
            }
            return null;
        }

        @Override
        public final boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public final T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T result = next;
            next = null;
            return result;
        }

        @Override
        public final void close() {
            while (!frames.isEmpty()) {
                frames.pop().close();
            }
        }
    }

    private final class FileWalker extends LazyIterator<FileInfo> {
        private final boolean recursive;

        FileWalker(Path dir, String key, boolean recursive) throws IOException {
            this.recursive = recursive;
            frames.push(Frame.open(dir, key));
        }

        @Override
        FileInfo advance() {
            for (Path entry = nextEntry(); entry != null; entry = nextEntry()) {
                String name = entry.getFileName().toString();
                if (!LocalKeys.isAddressable(name)) {
                    sweepIfTemp(entry, name);
                    continue;
                }
                String key = LocalKeys.child(frames.peek().key(), name);
                try {
                    BasicFileAttributes own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (own.isDirectory()) {
                        if (recursive) {
                            frames.push(Frame.open(entry, key));
                        }
                        continue;
                    }
                    Found found = asFile(entry, own);
                    if (found != null) {
                        return metadata.info(key, found.file(), found.attrs());
                    }
                } catch (NoSuchFileException | NotDirectoryException e) {
                    // removed or replaced since the directory was read
                } catch (IOException e) {
                    throw LocalErrors.map(key, e);
                }
            }
            return null;
        }
    }

    private final class FolderWalker extends LazyIterator<FolderEntry> {
        FolderWalker(Path dir, String key) throws IOException {
            frames.push(Frame.open(dir, key));
        }

        @Override
        FolderEntry advance() {
            for (Path entry = nextEntry(); entry != null; entry = nextEntry()) {
                String name = entry.getFileName().toString();
                if (!LocalKeys.isAddressable(name)) {
                    sweepIfTemp(entry, name);
                    continue;
                }
                String key = LocalKeys.child(frames.peek().key(), name);
                try {
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && hasFile(entry)) {
                        return new FolderEntry(key);
                    }
                } catch (IOException e) {
                    throw LocalErrors.map(key, e);
                }
            }
            return null;
        }
    }
}
