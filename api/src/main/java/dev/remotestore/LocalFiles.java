package dev.remotestore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.function.Consumer;

/** The local side of uploads and downloads: checking a source file, landing a download atomically. */
final class LocalFiles {
    private LocalFiles() {
    }

    /** The size of a regular local file; NotFoundException naming it otherwise. */
    static long sizeOfRegularFile(Path file, String path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new NotFoundException("the local file " + file + " is not a regular file", path);
            }
            return attrs.size();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no local file " + file, path);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e, path, e);
        }
    }

    /**
     * Runs {@code fill} on a fresh temporary file next to {@code target}, then moves it into place:
     * replacing an existing file when {@code overwrite}, otherwise only if none exists (a hard
     * link, which fails atomically if the name is taken). The temporary file is gone afterwards,
     * whatever happened.
     */
    static void landAtomically(Path target, boolean overwrite, String path, Consumer<Path> fill) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!overwrite && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new AlreadyExistsException("the local file " + target + " exists", path);
        }
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".rs-part");
        try {
            Files.createDirectories(dir);
            Files.createFile(temp);
            fill.accept(temp);
            if (overwrite) {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(absolute, temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException("the local file " + target + " exists", path);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot write the local file " + target + ": " + e, path, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temporary name is unique and marked .rs-part
            }
        }
    }
}
