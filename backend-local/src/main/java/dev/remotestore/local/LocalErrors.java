package dev.remotestore.local;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.IllegalPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one place where the local backend turns {@code java.nio} failures into the project's
 * errors. Every error carries the key it concerns, never an absolute filesystem path in its
 * detail, so messages do not reveal where the root lies.
 */
final class LocalErrors {
    // strerror texts; java.nio reports these errnos as plain FileSystemExceptions
    private static final String NAME_TOO_LONG = "File name too long";
    private static final String NOT_A_DIRECTORY = "Not a directory";
    private static final String INVALID_ARGUMENT = "Invalid argument";

    private LocalErrors() {
    }

    /** Maps an I/O failure on {@code key}. */
    static RemoteStoreException map(String key, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new NotFoundException("not found", key, e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new AlreadyExistsException("a file or folder already exists there", key, e);
        }
        if (e instanceof AccessDeniedException) {
            return new PermissionDeniedException("permission denied by the filesystem", key, e);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new FolderNotEmptyException("the folder is not empty", key, e);
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            if (reason.contains(NAME_TOO_LONG)) {
                return new IllegalPathException("a name in the path is too long for the filesystem", key, e);
            }
            if (reason.contains(NOT_A_DIRECTORY)) {
                // a file stands where the path needs a folder, so nothing exists at the path
                return new NotFoundException("not found (a file stands where a folder is needed)", key, e);
            }
            if (reason.contains(INVALID_ARGUMENT)) {
                return new IllegalPathException("the filesystem does not accept this name", key, e);
            }
        }
        return new RemoteStoreException("I/O failure: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + reasonOf(e)), key, e);
    }

    /** Maps a path the platform cannot represent (unmappable characters, for example). */
    static IllegalPathException invalidPath(String key, InvalidPathException e) {
        return new IllegalPathException("the filesystem cannot represent this path: " + e.getReason(), key, e);
    }

    /** The refusal for a key that leads out of the root through a symbolic link. */
    static PermissionDeniedException outsideRoot(String key) {
        return new PermissionDeniedException(
                "the path leads outside the backend's root through a symbolic link", key);
    }

    private static String reasonOf(IOException e) {
        // FileSystemException's message names absolute paths; its reason alone does not
        return e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
    }
}
