package dev.remotestore;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The local side of uploads and downloads: checking a source file, and landing a download
 * atomically (ADR 0035). Errors name the local file; the store path they carry is the caller's.
 */
final class LocalFiles {
    /** The suffix of a download's temporary file; nothing else uses it. */
    static final String PART_SUFFIX = ".rs-part";
    /** How much of the target's name the temporary name keeps: names stay under NAME_MAX (255). */
    private static final int NAME_KEPT = 120;

    /** Publishes a complete temporary file at a name that must not exist yet. */
    @FunctionalInterface
    interface CreateOnlyPublisher {
        void publish(Path temp, Path target) throws IOException;
    }

    /** The default: a hard link, falling back to an exclusive placeholder where links are missing. */
    static final CreateOnlyPublisher LINK_OR_PLACEHOLDER = LocalFiles::linkOrPlaceholder;

    private LocalFiles() {
    }

    /** The size of a regular local file; NotFoundException or PermissionDeniedException naming it otherwise. */
    static long sizeOfRegularFile(Path file, String path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new NotFoundException("the local file " + file + " is not a regular file", path);
            }
            return attrs.size();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no local file " + file, path, e);
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException("cannot read the local file " + file, path, e);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e, path, e);
        }
    }

    /** Refuses an existing local target early, before any byte is fetched. */
    static void checkAbsent(Path target, String path) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AlreadyExistsException("the local file " + target + " exists", path);
        }
    }

    static void landAtomically(Path target, boolean overwrite, String path, Consumer<Path> fill) {
        landAtomically(target, overwrite, path, fill, LINK_OR_PLACEHOLDER);
    }

    /**
     * Runs {@code fill} on a fresh temporary file next to {@code target} ({@code .<name>.<uuid>.rs-part}
     * in the same folder, so the last step is a rename within one filesystem), then publishes it:
     * replacing an existing file atomically when {@code overwrite}; otherwise only if no file
     * exists, by {@code createOnly}. The temporary file is gone afterwards, whatever happened.
     * Missing parent folders are created.
     */
    static void landAtomically(Path target, boolean overwrite, String path, Consumer<Path> fill,
            CreateOnlyPublisher createOnly) {
        Path absolute = target.toAbsolutePath();
        Path dir = Objects.requireNonNull(absolute.getParent(), "a file has a parent folder");
        if (!overwrite) {
            checkAbsent(absolute, path);
        }
        Path temp = dir.resolve(tempName(absolute.getFileName().toString()));
        try {
            Files.createDirectories(dir);
            Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            fill.accept(temp);
            if (overwrite) {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                createOnly.publish(temp, absolute);
            }
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException("the local file " + target + " exists", path, e);
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException("cannot write the local file " + target, path, e);
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

    static String tempName(String targetName) {
        String kept = targetName.length() > NAME_KEPT ? targetName.substring(0, NAME_KEPT) : targetName;
        return "." + kept + "." + UUID.randomUUID() + PART_SUFFIX;
    }

    /**
     * {@code link(2)} fails atomically when the name is taken, so no other writer's file is ever
     * replaced. Where the filesystem has no hard links (FAT, some network shares), the name is
     * claimed with an exclusive create of an empty placeholder, and the complete temporary file is
     * then renamed over that placeholder: still exclusive, but a reader may see an empty file at
     * the name for that moment (ADR 0035).
     */
    private static void linkOrPlaceholder(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (EPERM, EXDEV, ENOTSUP...): claim the name exclusively instead
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
        }
        publishOverPlaceholder(temp, target);
    }

    /** The fallback of {@link #linkOrPlaceholder}, on its own for tests. */
    static void publishOverPlaceholder(Path temp, Path target) throws IOException {
        Files.newByteChannel(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target); // our own empty placeholder: nobody else could create the name
            throw e;
        }
    }
}
