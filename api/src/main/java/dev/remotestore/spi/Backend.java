package dev.remotestore.spi;

import dev.remotestore.Capabilities;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One storage system, working on full keys. Implementations are thread-safe.
 *
 * <p>A key is a normalised, {@code /}-separated, relative path: the {@code dev.remotestore.Store}
 * in front of a backend has already rejected bad paths and prefixed its root, so a backend never
 * sees {@code ..}, a leading {@code /}, an empty segment or a control character. The empty key
 * {@code ""} names the backend's root folder; folder arguments are given without a trailing
 * slash.
 *
 * <p>Errors: every method maps native failures to {@code dev.remotestore.RemoteStoreException}
 * subclasses at the backend's boundary, with the key as the path. The store attaches its name
 * and rewrites the path. Backends are not asked for operations their {@link #capabilities()} lack:
 * the store refuses those first.
 *
 * <p>Folders: a folder exists when at least one file lies under it. Backends on hierarchical
 * filesystems remove folders that become empty when a file is deleted or moved away, so the
 * rule holds everywhere.
 */
public interface Backend extends AutoCloseable {

    /** The config {@code type} of this backend, e.g. {@code local}. */
    String type();

    /** What this backend guarantees; fixed for the backend's life. */
    Capabilities capabilities();

    /**
     * Opens the file for reading the given range. Fails now with {@code NotFoundException} if
     * the file is missing; the bytes are streamed lazily as the caller reads.
     */
    InputStream read(String key, ReadOptions range);

    /** A read-only, seekable view of the file; {@code NotFoundException} if missing. */
    SeekableByteChannel openChannel(String key);

    /** Writes a whole file atomically, honouring the options' precondition. */
    WriteResult write(String key, byte[] data, WriteOptions options);

    /**
     * Writes a whole file from a stream of unknown length, atomically. The default streams the
     * input through {@link #openOutputStream}; override when the backend has a better path.
     */
    default WriteResult write(String key, InputStream data, WriteOptions options) {
        try (StoreOutputStream out = openOutputStream(key, options)) {
            data.transferTo(out);
            return out.commit();
        } catch (IOException e) {
            throw BackendErrors.readingInput(key, e);
        }
    }

    /** Starts a streaming write, visible only on {@link StoreOutputStream#commit()}. */
    StoreOutputStream openOutputStream(String key, WriteOptions options);

    /** Size, ETag and the rest; {@code NotFoundException} if the file is missing. */
    FileInfo getFileInfo(String key);

    /** Whether a file exists at the key. */
    boolean isFile(String key);

    /** Whether a file lies under {@code key + "/"}; the root ({@code ""}) always exists. */
    boolean isFolder(String key);

    /**
     * The files under the folder, lazily, in no promised order, with full keys as paths.
     * A missing folder lists as empty. The caller closes the stream.
     *
     * @param folder the folder's key, {@code ""} for the root
     * @param recursive whether to descend into sub-folders
     */
    Stream<FileInfo> listFiles(String folder, boolean recursive);

    /** The direct sub-folders of the folder, lazily, with full keys as paths. */
    Stream<FolderEntry> listFolders(String folder);

    /** Deletes the file; returns {@code false} if there was none. */
    boolean delete(String key);

    /**
     * Deletes the folder. Non-recursive: fails with {@code FolderNotEmptyException} if any file
     * lies under it. Recursive: deletes every file under it. A missing folder is not an error.
     *
     * @return the number of files deleted
     */
    long deleteFolder(String folder, boolean recursive);

    /**
     * Copies a file; {@code AlreadyExistsException} if the target exists and not {@code overwrite}.
     * Source and target are never the same key (the {@code Store} answers that itself).
     */
    WriteResult copy(String sourceKey, String targetKey, boolean overwrite);

    /**
     * Writes the bytes of a local file to {@code key} with the options' semantics (create-only,
     * overwrite, compare-and-swap), all or nothing: a failed upload leaves no object behind and an
     * existing one untouched. {@code progress} receives byte counts as they are sent, from any
     * thread, adding up to the file's size on success.
     *
     * <p>The default streams the file through {@link #write(String, InputStream, WriteOptions)},
     * failing (and so storing nothing) if the file's length changes while it is read; a backend
     * with a native file path (parallel ranged part uploads read from the file by offset)
     * overrides it. Memory stays bounded either way. Errors name {@code file}.
     */
    default WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel)) {
            // the size at open: a file that grows or shrinks while it is sent fails the write, which stores nothing
            return write(key, new ProgressInputStream(in, progress, channel.size(), "the local file " + file), options);
        } catch (IOException e) {
            throw BackendErrors.readingInput(key, e);
        }
    }

    /**
     * Writes the bytes of the object at {@code key} into {@code target}, a file the caller created
     * and owns (the backend overwrites it; the caller moves it into place). The bytes must be those
     * of the version {@code expected} describes (as {@link #getFileInfo} returned it): a backend
     * pins its reads to {@code expected.etag()} where it can and throws
     * {@code PreconditionFailedException} when the object changed. {@code progress} receives byte
     * counts as they arrive, from any thread.
     *
     * <p>The default copies {@link #read} into the file, then checks that the file still has the
     * expected size and ETag (one more metadata request); a backend with a native parallel file
     * download overrides it. Errors name {@code target}.
     */
    default void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        long total = 0;
        try (InputStream in = read(key, ReadOptions.whole());
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                total += n;
                progress.accept(n);
            }
        } catch (IOException e) {
            throw new RemoteStoreException("cannot download to the local file " + target + ": " + e, key, e);
        }
        // a GET answers one version whole: if the file still has the expected tag afterwards, that
        // version is the one read (a tag that changed and changed back is not possible: tags are unique)
        FileInfo now = getFileInfo(key);
        if (total != expected.size() || !java.util.Objects.equals(now.etag(), expected.etag())) {
            throw new PreconditionFailedException("the file changed during the download (expected " + expected.size()
                    + " bytes with ETag " + expected.etag() + ", read " + total + " bytes; its ETag is now "
                    + now.etag() + ")", key);
        }
    }

    /**
     * Moves a file. Atomic where {@link dev.remotestore.Capability#ATOMIC_MOVE} is declared. The
     * default, for backends that do not declare it, copies and then deletes the source. The
     * {@code Store} never asks a backend to copy or move a file onto itself.
     */
    default WriteResult move(String sourceKey, String targetKey, boolean overwrite) {
        WriteResult result = copy(sourceKey, targetKey, overwrite);
        delete(sourceKey);
        return result;
    }

    /** A URL that lets its bearer GET the file until it expires. */
    default URI presignRead(String key, Duration expiry) {
        throw new UnsupportedCapabilityException("backend " + type() + " cannot presign URLs", key);
    }

    /** A URL that lets its bearer PUT the file until it expires. */
    default URI presignWrite(String key, Duration expiry) {
        throw new UnsupportedCapabilityException("backend " + type() + " cannot presign URLs", key);
    }

    /**
     * The classes {@link #unwrap} hands out, exactly: the backend's documented native types (an
     * SDK client, a filesystem, its config). Never a supertype such as {@code Object} or
     * {@code AutoCloseable}, and never the backend's internals, which a caller could close or
     * misuse behind the registry's back. The store refuses any other class before asking
     * {@link #unwrap}. The default offers nothing.
     */
    default Set<Class<?>> unwrapTypes() {
        return Set.of();
    }

    /**
     * The native object of exactly the class {@code type}, one of {@link #unwrapTypes()}, or
     * empty if this backend has none of it (an optional client not built with this config, say).
     * Matching is by class, not by {@code isInstance}. The object stays the backend's: the
     * caller does not close it, and after {@link #close()} it may no longer work (adr/0029).
     * The default offers nothing.
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    /** Checks that the backend is reachable and usable; throws a mapped error if not. */
    void ping();

    /** Releases clients, connections and threads. Idempotent. */
    @Override
    void close();
}
