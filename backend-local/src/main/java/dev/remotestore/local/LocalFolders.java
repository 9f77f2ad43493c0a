package dev.remotestore.local;

import dev.remotestore.FolderNotEmptyException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps the directory tree in line with the rule that a folder exists while a file lies under
 * it: prunes directories that a delete or move left empty, and deletes folders.
 *
 * <p>Other writers may add or remove entries at the same time; a directory that is no longer
 * empty, or already gone, is left to them. A deleted folder takes the temp files of crashed
 * writes with it, whatever their age; temp files of writes in progress (in any process) are
 * never deleted here, and keep their directory alive (adr/0028).
 */
final class LocalFolders {
    private final LocalKeys keys;
    private final LocalListing listing;
    private final LocalTemps temps;

    LocalFolders(LocalKeys keys, LocalListing listing, LocalTemps temps) {
        this.keys = keys;
        this.listing = listing;
        this.temps = temps;
    }

    /** Deletes {@code realDir} and its ancestors while they are empty, up to but excluding the root. */
    void prune(Path realDir) {
        for (Path dir = realDir; dir != null && keys.isInside(dir) && !dir.equals(keys.realRoot()); dir = dir.getParent()) {
            try {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                        return; // replaced by something that is not ours to delete
                    }
                    continue;
                }
                Files.delete(dir);
            } catch (NoSuchFileException e) {
                // removed by someone else: its parent may be empty now
            } catch (IOException e) {
                return; // not empty (the usual case), or not ours to delete
            }
        }
    }

    /**
     * Deletes the folder at {@code folderKey}: see {@code Backend#deleteFolder}. The root itself
     * is emptied but kept.
     *
     * @return the number of files deleted
     */
    long delete(String folderKey, boolean recursive) throws IOException {
        Path dir = listing.folder(folderKey);
        if (dir == null) {
            return 0;
        }
        if (!recursive && listing.hasFile(dir)) {
            throw new FolderNotEmptyException("files lie under the folder", folderKey);
        }
        long[] deleted = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (LocalKeys.isTemp(name)) {
                    temps.deleteWithFolder(file, attrs); // a crashed write's goes, a live write's stays
                    return FileVisitResult.CONTINUE;
                }
                if (!recursive) {
                    return FileVisitResult.CONTINUE; // nothing listable is here (checked above); leave the rest alone
                }
                boolean counts = LocalKeys.isAddressable(name) && listing.asFile(file, attrs) != null;
                try {
                    Files.delete(file); // a link itself, never what it points to
                    if (counts) {
                        deleted[0]++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted concurrently
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                if (!d.equals(keys.realRoot())) {
                    try {
                        Files.delete(d);
                    } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
                        // a write in progress, or a concurrent delete
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        prune(dir.getParent());
        return deleted[0];
    }
}
