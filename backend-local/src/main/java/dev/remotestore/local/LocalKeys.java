package dev.remotestore.local;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.IllegalPathException;
import dev.remotestore.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Turns keys into paths under the root, and keeps them there.
 *
 * <p>Two layers: {@link #path} checks a key's syntax and resolves it lexically (no I/O), so no
 * key can name anything outside the root by its spelling; {@link #real}, {@link #entry} and
 * {@link #parentForWrite} resolve symbolic links and refuse, with
 * {@code PermissionDeniedException}, a key whose real location lies outside the root's real path.
 * Callers then work on the returned real paths, which narrows (but cannot close) the window in
 * which a concurrent process could swap a directory for a symbolic link.
 *
 * <p>The common case costs one {@code lstat} per name below the root: when no name of the key is
 * a symbolic link, the key's real path is the root's real path plus the key, which needs no
 * {@code realpath(3)} (a {@code readlink} for every name from {@code /} down). Only a key that
 * meets a link, or something that is neither file nor folder, takes the general route.
 */
final class LocalKeys {
    /** Names starting with this are the backend's own temporary files: never listed, never keys. */
    static final String TEMP_PREFIX = ".rs-tmp-";

    // Linux NAME_MAX and PATH_MAX - 1; checked up front so the error is the same on every filesystem
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_PATH_BYTES = 4095;

    private final Path root;
    private final Path realRoot;

    /**
     * @param root the root as configured, absolute and normalised
     * @param realRoot the root with symbolic links resolved
     */
    LocalKeys(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    Path root() {
        return root;
    }

    Path realRoot() {
        return realRoot;
    }

    /** The key of {@code name} inside the folder {@code folderKey}. */
    static String child(String folderKey, String name) {
        return folderKey.isEmpty() ? name : folderKey + "/" + name;
    }

    static boolean isTemp(String name) {
        return name.startsWith(TEMP_PREFIX);
    }

    /**
     * Whether a name found on disk can be reached through a key, so belongs in a listing:
     * not a temp file, and nothing a store would normalise away ({@code \}) or reject.
     */
    static boolean isAddressable(String name) {
        if (isTemp(name) || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a real path lies in the root (or is the root). */
    boolean isInside(Path realPath) {
        return realPath.startsWith(realRoot);
    }

    /**
     * The lexical path of {@code key} under the root, without touching the disk.
     *
     * @throws IllegalPathException for an empty, {@code .} or {@code ..} segment, a NUL, control
     *     character or backslash, a reserved temp name, or a name or path too long
     */
    Path path(String key) {
        if (key == null) {
            throw new IllegalPathException("key is null", null);
        }
        if (key.isEmpty()) {
            return root;
        }
        if (root.toString().getBytes(StandardCharsets.UTF_8).length + 1 + key.getBytes(StandardCharsets.UTF_8).length
                > MAX_PATH_BYTES) {
            throw new IllegalPathException("the path is too long for the local filesystem", key);
        }
        Path p = root;
        int start = 0;
        while (start <= key.length()) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = key.length();
            }
            p = resolveSegment(p, key, key.substring(start, end));
            start = end + 1;
        }
        return p;
    }

    /** Like {@link #path}, for a key that must name a file: the root is refused. */
    Path filePath(String key) {
        if (key != null && key.isEmpty()) {
            throw new IllegalPathException("the root is a folder, not a file", key);
        }
        return path(key);
    }

    private static Path resolveSegment(Path parent, String key, String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            throw new IllegalPathException("the key has an empty, '.' or '..' segment", key);
        }
        if (isTemp(segment)) {
            throw new IllegalPathException("names starting with " + TEMP_PREFIX + " are reserved for temporary files", key);
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalPathException("the key contains a backslash or control character", key);
            }
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalPathException("a name in the key is longer than " + MAX_NAME_BYTES + " bytes", key);
        }
        try {
            Path p = parent.resolve(segment);
            if (p.getNameCount() != parent.getNameCount() + 1) {
                throw new IllegalPathException("the key does not resolve to a single name per segment", key);
            }
            return p;
        } catch (InvalidPathException e) {
            throw LocalErrors.invalidPath(key, e);
        }
    }

    /** A real path inside the root and its attributes (of the path itself, which is not a link). */
    record Resolved(Path path, BasicFileAttributes attrs) {
    }

    /**
     * The real path of what {@code key} names, following symbolic links.
     *
     * @throws NoSuchFileException (and other {@link IOException}s) if it does not exist
     * @throws dev.remotestore.PermissionDeniedException if it lies outside the root
     */
    Path real(String key) throws IOException {
        return resolve(key).path();
    }

    /** Like {@link #real}, with the attributes of what the key names (links followed). */
    Resolved resolve(String key) throws IOException {
        Path lexical = path(key);
        Path current = realRoot;
        BasicFileAttributes attrs = null;
        Path relative = root.relativize(lexical);
        int names = key.isEmpty() ? 0 : relative.getNameCount();
        for (int i = 0; i < names; i++) {
            current = current.resolve(relative.getName(i).toString());
            attrs = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isDirectory() && !(attrs.isRegularFile() && i == names - 1)) {
                return resolveByRealPath(key, lexical); // a link, or a file where a folder is needed
            }
        }
        if (attrs == null) {
            attrs = Files.readAttributes(realRoot, BasicFileAttributes.class);
        }
        return new Resolved(current, attrs);
    }

    private Resolved resolveByRealPath(String key, Path lexical) throws IOException {
        Path real = lexical.toRealPath();
        if (!isInside(real)) {
            throw LocalErrors.outsideRoot(key);
        }
        return new Resolved(real, Files.readAttributes(real, BasicFileAttributes.class));
    }

    /**
     * The directory entry {@code key} names, with its parent's symbolic links resolved and the
     * last name left as is: what a delete or rename acts on (a link itself, never its target).
     */
    Path entry(String key) throws IOException {
        Path p = filePath(key);
        int slash = key.lastIndexOf('/');
        Path parent = resolve(slash < 0 ? "" : key.substring(0, slash)).path();
        return parent.resolve(p.getFileName().toString());
    }

    /**
     * The real path of the folder a write to {@code key} goes into, created if missing. Before
     * anything is created, the deepest existing ancestor must lie in the root, so no symbolic link
     * can make the backend create folders elsewhere.
     *
     * @throws AlreadyExistsException if a file stands where a folder is needed
     */
    Path parentForWrite(String key) throws IOException {
        Path parent = filePath(key).getParent();
        Path current = realRoot;
        Path relative = root.relativize(parent);
        int names = parent.equals(root) ? 0 : relative.getNameCount();
        for (int i = 0; i < names; i++) {
            Path next = current.resolve(relative.getName(i).toString());
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                // every name above is a real folder inside the root: create the rest under it
                Path realParent = realRoot.resolve(relative.toString());
                Files.createDirectories(realParent);
                return realParent;
            }
            if (!attrs.isDirectory()) {
                return parentForWriteByRealPath(key, parent); // a link, or a file where a folder is needed
            }
            current = next;
        }
        return current;
    }

    /**
     * {@link #parentForWrite} the general way, which also follows links and notices a root that
     * has gone.
     */
    Path parentForWriteByRealPath(String key) throws IOException {
        return parentForWriteByRealPath(key, filePath(key).getParent());
    }

    private Path parentForWriteByRealPath(String key, Path parent) throws IOException {
        Path existing = parent;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            if (existing.equals(root)) {
                throw new NotFoundException("the backend's root folder does not exist", key);
            }
            existing = existing.getParent();
        }
        Path real = existing.toRealPath();
        if (!isInside(real)) {
            throw LocalErrors.outsideRoot(key);
        }
        if (!Files.isDirectory(real)) {
            throw new AlreadyExistsException("a file stands where the key needs a folder", key);
        }
        if (existing.equals(parent)) {
            return real;
        }
        Path realParent = real.resolve(existing.relativize(parent).toString());
        Files.createDirectories(realParent);
        return realParent;
    }
}
