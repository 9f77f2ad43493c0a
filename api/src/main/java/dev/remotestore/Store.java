package dev.remotestore;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.Scope;
import dev.remotestore.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder-scoped view over one backend: every path is relative to the store's root, and every
 * path a store returns is relative to it too, so paths round-trip. Immutable and thread-safe.
 *
 * <p><b>Paths</b> are {@code /}-separated and relative; {@code \}, {@code //} and {@code .} are
 * normalised; {@code ..}, absolute paths, NUL and control characters are refused with
 * {@link IllegalPathException} before any I/O. {@code ""} names the store's root folder.
 *
 * <p><b>Errors</b>: only {@link RemoteStoreException} subclasses leave a store, its streams and
 * its channels, each naming the store, the backend type and the path.
 *
 * <p><b>Capabilities</b>: a request the backend cannot honour (a create-only write on a backend
 * without real preconditions, say) fails with {@link UnsupportedCapabilityException} before any
 * I/O; nothing is emulated.
 *
 * <p><b>Folders</b> exist while a file lies under them; a missing folder lists as empty.
 *
 * <p>A store does not own its backend: the {@link Registry} that made it closes the backend, or,
 * for a store built with {@link #of}, whoever built the backend.
 *
 * <p><b>Observability</b>: every operation, and every stream, channel and listing it returns,
 * passes one interception point that tells the registry's
 * {@link dev.remotestore.observability.OperationListener}s its start, bytes, duration and outcome
 * (ADR 0031). A store without listeners does no work for them.
 */
public final class Store {
    private final String name;
    private final Backend backend;
    private final String root;
    private final BooleanSupplier closed;
    private final ErrorTranslator errors;
    /** Null when no listener observes this store: then an operation costs one null check more. */
    private final OperationObserver observer;

    Store(String name, Backend backend, String root, BooleanSupplier closed) {
        this(name, backend, root, closed, null);
    }

    Store(String name, Backend backend, String root, BooleanSupplier closed, OperationObserver observer) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.backend = Objects.requireNonNull(backend, "backend is null");
        this.root = Objects.requireNonNull(root, "root is null");
        this.closed = Objects.requireNonNull(closed, "closed is null");
        this.errors = new ErrorTranslator(name, backend.type());
        this.observer = observer;
    }

    /** A store over the whole of a backend built in code. */
    public static Store of(String name, Backend backend) {
        return of(name, backend, "");
    }

    /** A store over the folder {@code rootPath} of a backend built in code. */
    public static Store of(String name, Backend backend, String rootPath) {
        String root;
        try {
            root = StorePaths.normalize(rootPath);
        } catch (RemoteStoreException e) {
            throw e.attachContext(name, backend.type(), StorePaths.printable(rootPath));
        }
        return new Store(name, backend, root, () -> false);
    }

    /** The store's name. */
    public String name() {
        return name;
    }

    /** The folder of the backend this store is confined to ({@code ""} for the whole backend). */
    public String rootPath() {
        return root;
    }

    /** The backend's config type, e.g. {@code local}. */
    public String backendType() {
        return backend.type();
    }

    /** What the backend guarantees beyond the basics. */
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    // ---- reading -------------------------------------------------------------------------

    /** Opens the whole file as a lazy stream; {@link NotFoundException} now if missing. Close it. */
    public InputStream read(String path) {
        return read(path, ReadOptions.whole());
    }

    /** Opens a byte range of the file as a lazy stream (clipped to the file). Close it. */
    public InputStream read(String path, ReadOptions options) {
        Objects.requireNonNull(options, "options is null");
        return interceptOpen(Operation.READ, path,
                op -> new GuardedInputStream(backend.read(fileKey(path), options), errors, path, op));
    }

    /** The whole file in memory. */
    public byte[] readBytes(String path) {
        return readBytes(path, ReadOptions.whole());
    }

    /** A byte range of the file in memory. */
    public byte[] readBytes(String path, ReadOptions options) {
        try (InputStream in = read(path, options)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw errors.translate(e, path); // not reached: guarded streams throw unchecked
        }
    }

    /** The whole file decoded as UTF-8. */
    public String readText(String path) {
        return readText(path, StandardCharsets.UTF_8);
    }

    public String readText(String path, Charset charset) {
        return new String(readBytes(path), charset);
    }

    /** A read-only seekable channel over the file; writing throws {@code NonWritableChannelException}. */
    public SeekableByteChannel openChannel(String path) {
        return interceptOpen(Operation.OPEN_CHANNEL, path,
                op -> new GuardedChannel(backend.openChannel(fileKey(path)), errors, path, op));
    }

    // ---- writing -------------------------------------------------------------------------

    /** Writes the file create-only: {@link AlreadyExistsException} if it exists. */
    public WriteResult write(String path, byte[] data) {
        return write(path, data, WriteOptions.createOnly());
    }

    /** Writes the whole file atomically, as the options say. */
    public WriteResult write(String path, byte[] data, WriteOptions options) {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(options, "options is null");
        return intercept(Operation.WRITE, path, data.length, () -> {
            String key = fileKey(path);
            CapabilityGate.checkWrite(capabilities(), backendType(), options, path);
            return backend.write(key, data, options).withPath(relative(key));
        });
    }

    /**
     * Writes the file from a stream of any length, atomically: if reading {@code data} fails,
     * nothing is written. The stream is read to its end but not closed.
     */
    public WriteResult write(String path, InputStream data, WriteOptions options) {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(options, "options is null");
        return interceptOpen(Operation.WRITE, path, op -> {
            String key = fileKey(path);
            CapabilityGate.checkWrite(capabilities(), backendType(), options, path);
            if (op == null) {
                return backend.write(key, data, options).withPath(relative(key));
            }
            CountingInputStream counted = new CountingInputStream(data);
            try {
                WriteResult result = backend.write(key, counted, options).withPath(relative(key));
                op.addBytes(counted.count());
                op.end();
                return result;
            } catch (RuntimeException e) {
                op.addBytes(counted.count());
                throw e; // interceptOpen() ends the operation with the translated failure
            }
        });
    }

    /**
     * Writes the file with whatever {@code writer} writes, committing only if it returns
     * normally. If it throws, nothing is written and a previous file stays as it was; its
     * unchecked exceptions propagate unchanged, an {@code IOException} arrives as the cause of a
     * {@link RemoteStoreException}.
     */
    public WriteResult write(String path, WriteOptions options, StreamWriter writer) {
        Objects.requireNonNull(writer, "writer is null");
        try (StoreOutputStream out = openOutputStream(path, options)) {
            try {
                writer.writeTo(out);
            } catch (IOException e) {
                throw errors.translate(new RemoteStoreException("the writer failed: " + e, path, e), path);
            }
            return out.commit();
        }
    }

    /** Writes text as UTF-8. */
    public WriteResult writeText(String path, String text, WriteOptions options) {
        Objects.requireNonNull(text, "text is null");
        return write(path, text.getBytes(StandardCharsets.UTF_8), options);
    }

    /**
     * Starts a streaming write. Nothing is visible until {@link StoreOutputStream#commit()};
     * closing without a commit aborts. Memory stays bounded whatever the size.
     */
    public StoreOutputStream openOutputStream(String path, WriteOptions options) {
        Objects.requireNonNull(options, "options is null");
        return interceptOpen(Operation.WRITE, path, op -> {
            String key = fileKey(path);
            CapabilityGate.checkWrite(capabilities(), backendType(), options, path);
            return new GuardedOutputStream(backend.openOutputStream(key, options), errors, relative(key), op);
        });
    }

    // ---- metadata and listing ------------------------------------------------------------

    /** Whether a file or a folder exists at the path; the root always exists. */
    public boolean exists(String path) {
        return intercept(Operation.EXISTS, path, 0, () -> {
            String key = key(path);
            return key.equals(root) || backend.isFile(key) || backend.isFolder(key);
        });
    }

    /** Whether a file exists at the path. */
    public boolean isFile(String path) {
        return intercept(Operation.IS_FILE, path, 0, () -> {
            String rel = StorePaths.normalize(path);
            return !rel.isEmpty() && backend.isFile(StorePaths.join(root, rel));
        });
    }

    /** Whether a folder exists at the path: the root, or a path with a file under it. */
    public boolean isFolder(String path) {
        return intercept(Operation.IS_FOLDER, path, 0, () -> {
            String key = key(path);
            return key.equals(root) || backend.isFolder(key);
        });
    }

    /** Size, last modified, ETag, content type, metadata, version; {@link NotFoundException} if missing. */
    public FileInfo getFileInfo(String path) {
        return intercept(Operation.GET_FILE_INFO, path, 0, () -> {
            String key = fileKey(path);
            return backend.getFileInfo(key).withPath(relative(key));
        });
    }

    /** The folder's direct files, lazily. Close the stream. */
    public Stream<FileInfo> listFiles(String folder) {
        return listFiles(folder, ListOptions.flat());
    }

    /**
     * The folder's files as the options say, lazily and in no promised order, with
     * store-relative paths. A missing folder lists as empty. Close the stream.
     *
     * <p>Entries carry size, last modified and ETag; content type and user metadata may be
     * absent from them (object stores do not list those): ask {@link #getFileInfo} for them.
     */
    public Stream<FileInfo> listFiles(String folder, ListOptions options) {
        Objects.requireNonNull(options, "options is null");
        return interceptOpen(Operation.LIST_FILES, folder, op -> {
            String folderKey = key(folder);
            String relFolder = relative(folderKey);
            int maxDepth = options.maxDepth();
            Pattern glob = options.glob().map(Glob::compile).orElse(null);
            Stream<FileInfo> files = backend.listFiles(folderKey, options.isRecursive())
                    .map(f -> f.withPath(relative(f.path())))
                    .filter(f -> maxDepth == Integer.MAX_VALUE || depthBelow(relFolder, f.path()) <= maxDepth)
                    .filter(f -> glob == null || glob.matcher(f.name()).matches());
            return GuardedStreams.guard(files, errors, folder, op);
        });
    }

    /** The folder's direct sub-folders, lazily, with store-relative paths. Close the stream. */
    public Stream<FolderEntry> listFolders(String folder) {
        return interceptOpen(Operation.LIST_FOLDERS, folder, op -> {
            String folderKey = key(folder);
            Stream<FolderEntry> dirs = backend.listFolders(folderKey).map(d -> new FolderEntry(relative(d.path())));
            return GuardedStreams.guard(dirs, errors, folder, op);
        });
    }

    // ---- deleting, copying, moving -------------------------------------------------------

    /** Deletes the file; {@link NotFoundException} if there is none. */
    public void delete(String path) {
        intercept(Operation.DELETE, path, 0, () -> {
            if (!backend.delete(fileKey(path))) {
                throw new NotFoundException("no file to delete", path);
            }
            return null;
        });
    }

    /** Deletes the file if there is one; returns whether there was. */
    public boolean deleteIfExists(String path) {
        return intercept(Operation.DELETE, path, 0, () -> backend.delete(fileKey(path)));
    }

    /**
     * Deletes a folder. Non-recursive: {@link FolderNotEmptyException} if a file lies under it.
     * Recursive: deletes every file under it. A missing folder is not an error.
     *
     * @return the number of files deleted
     */
    public long deleteFolder(String path, boolean recursive) {
        return intercept(Operation.DELETE_FOLDER, path, 0, () -> backend.deleteFolder(key(path), recursive));
    }

    /** Copies a file; {@link AlreadyExistsException} if the target exists. */
    public WriteResult copy(String source, String target) {
        return copy(source, target, CopyOptions.createOnly());
    }

    public WriteResult copy(String source, String target, CopyOptions options) {
        Objects.requireNonNull(options, "options is null");
        return transfer(source, target, options, false);
    }

    /**
     * Moves a file; {@link AlreadyExistsException} if the target exists. Atomic only where the
     * backend declares {@link Capability#ATOMIC_MOVE}; object stores copy then delete.
     */
    public WriteResult move(String source, String target) {
        return move(source, target, CopyOptions.createOnly());
    }

    public WriteResult move(String source, String target, CopyOptions options) {
        Objects.requireNonNull(options, "options is null");
        return transfer(source, target, options, true);
    }

    /**
     * A copy or move. Errors name the path they concern: the target's when its path is illegal,
     * when the request is refused, or when the backend reports the target's key (it exists, say);
     * the source's otherwise.
     */
    private WriteResult transfer(String source, String target, CopyOptions options, boolean move) {
        return intercept(move ? Operation.MOVE : Operation.COPY, source, 0, () -> {
            String from = fileKey(source);
            String to = aboutTarget(target, () -> {
                String key = fileKey(target);
                CapabilityGate.checkCopy(capabilities(), backendType(), options, target);
                return key;
            });
            if (from.equals(to)) {
                return onto(from, options);
            }
            try {
                WriteResult result = move ? backend.move(from, to, options.isOverwrite())
                        : backend.copy(from, to, options.isOverwrite());
                return result.withPath(relative(to));
            } catch (RemoteStoreException e) {
                throw to.equals(e.path()) && !to.equals(from) ? errors.translate(e, target) : e;
            }
        });
    }

    /**
     * A copy or move of a file onto itself, answered here for every backend, touching nothing: a
     * copy-then-delete would delete the file it just wrote. Create-only is refused (the target
     * exists); overwrite leaves the file as it is.
     */
    private WriteResult onto(String key, CopyOptions options) {
        FileInfo info = backend.getFileInfo(key); // NotFoundException if there is nothing to copy
        if (!options.isOverwrite()) {
            throw new AlreadyExistsException("source and target are the same file", key);
        }
        return new WriteResult(relative(key), info.etag(), info.version());
    }

    /** Runs {@code step}, attaching the target's path to what it throws (the first context attached wins). */
    private <T> T aboutTarget(String target, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, target);
        }
    }

    // ---- files in and out ------------------------------------------------------------------

    /** Uploads a local file, create-only; see {@link #upload(Path, String, WriteOptions, TransferListener)}. */
    public WriteResult upload(Path file, String path) {
        return upload(file, path, WriteOptions.createOnly(), TransferListener.none());
    }

    /** Uploads a local file as the options say; see {@link #upload(Path, String, WriteOptions, TransferListener)}. */
    public WriteResult upload(Path file, String path, WriteOptions options) {
        return upload(file, path, options, TransferListener.none());
    }

    /**
     * Writes a local file's bytes to {@code path} with the options' semantics (create-only by
     * default, overwrite, compare-and-swap), through the backend's native file path where it has
     * one (parallel parts read from the file by offset). All or nothing: a failed upload leaves
     * nothing at {@code path} and an existing file untouched. Memory stays bounded whatever the
     * file's size. Do not change the file while it is uploaded: the streaming path (the default)
     * and {@code local} fail the upload when its length changes; a backend's native file path may
     * read it as it goes.
     *
     * <p>{@code listener} is told the bytes sent at a bounded rate, and once more with
     * {@code finished = true} when the upload ends, successfully or not. Observed as
     * {@link Operation#UPLOAD} with the bytes sent.
     *
     * @throws NotFoundException naming the local file if it does not exist or is not a regular file
     * @throws AlreadyExistsException create-only, and a file exists at {@code path}
     * @throws PreconditionFailedException compare-and-swap, and the file's ETag is not the expected one
     */
    public WriteResult upload(Path file, String path, WriteOptions options, TransferListener listener) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        ProgressMeter meter = new ProgressMeter(listener, -1, 1);
        return interceptTransfer(Operation.UPLOAD, path, meter, () -> {
            String key = fileKey(path);
            CapabilityGate.checkWrite(capabilities(), backendType(), options, path);
            meter.totals(LocalFiles.sizeOfRegularFile(file, path), 1);
            return backend.upload(key, file, options, meter).withPath(relative(key));
        });
    }

    /** Downloads to a new local file; see {@link #download(String, Path, DownloadOptions, TransferListener)}. */
    public FileInfo download(String path, Path file) {
        return download(path, file, DownloadOptions.createOnly(), TransferListener.none());
    }

    /** Downloads to a local file as the options say; see {@link #download(String, Path, DownloadOptions, TransferListener)}. */
    public FileInfo download(String path, Path file, DownloadOptions options) {
        return download(path, file, options, TransferListener.none());
    }

    /**
     * Writes the file at {@code path} to a local file, atomically: the bytes land in a temporary
     * file next to {@code file} ({@code .<name>.<random>.rs-part}, always removed) that is moved
     * into place only when complete and of the version first seen, so {@code file} is either
     * absent (or as it was) or whole. Create-only by default: an existing local file raises
     * {@link AlreadyExistsException} and is left alone, and the name is claimed exclusively (a
     * hard link); overwrite replaces it with an atomic rename. Missing local folders are created.
     *
     * <p>{@code listener} is told as for {@link #upload(Path, String, WriteOptions, TransferListener)}.
     * Observed as {@link Operation#DOWNLOAD} with the bytes received.
     *
     * @return the info of the version downloaded
     * @throws NotFoundException if there is no file at {@code path}; no local file is created
     * @throws PreconditionFailedException if the file changed while it was downloaded
     */
    public FileInfo download(String path, Path file, DownloadOptions options, TransferListener listener) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        ProgressMeter meter = new ProgressMeter(listener, -1, 1);
        return interceptTransfer(Operation.DOWNLOAD, path, meter, () -> {
            String key = fileKey(path);
            if (!options.isOverwrite()) {
                LocalFiles.checkAbsent(file, path); // before any request: refusing costs nothing
            }
            FileInfo info = backend.getFileInfo(key);
            meter.totals(info.size(), 1);
            LocalFiles.landAtomically(file, options.isOverwrite(), path,
                    temp -> backend.download(key, info, temp, meter));
            return info.withPath(relative(key));
        });
    }

    /**
     * A server-side copy from this store to {@code target}, a store on the same backend instance
     * (its root may differ), for {@link Transfers}. Observed on this store as {@link Operation#COPY};
     * errors about the target carry the target store's name and path.
     */
    WriteResult copyWithinBackend(String source, Store target, String targetPath, CopyOptions options) {
        if (target.backend != backend) {
            throw new IllegalArgumentException("the stores do not share a backend");
        }
        return intercept(Operation.COPY, source, 0, () -> {
            String from = fileKey(source);
            String to = target.call(targetPath, () -> {
                String key = target.fileKey(targetPath);
                CapabilityGate.checkCopy(target.capabilities(), target.backendType(), options, targetPath);
                return key;
            });
            if (from.equals(to)) {
                FileInfo info = backend.getFileInfo(from);
                if (!options.isOverwrite()) {
                    throw target.errors.translate(
                            new AlreadyExistsException("source and target are the same file", to), targetPath);
                }
                return new WriteResult(target.relative(to), info.etag(), info.version());
            }
            try {
                return backend.copy(from, to, options.isOverwrite()).withPath(target.relative(to));
            } catch (RemoteStoreException e) {
                throw to.equals(e.path()) ? target.errors.translate(e, targetPath) : e;
            }
        });
    }

    /** A folder path normalised and checked as this store checks paths, for {@link Transfers}. */
    String checkedFolder(String folder) {
        return call(folder, () -> StorePaths.normalize(folder));
    }

    /** Whether {@code other} works on the very same backend instance as this store. */
    boolean sharesBackendWith(Store other) {
        return other.backend == backend;
    }

    // ---- URLs, views, native access ------------------------------------------------------

    /** A URL that lets its bearer GET the file until {@code expiry} has passed. */
    public URI presignRead(String path, Duration expiry) {
        return presign(path, expiry, false);
    }

    /** A URL that lets its bearer PUT the file until {@code expiry} has passed. */
    public URI presignWrite(String path, Duration expiry) {
        return presign(path, expiry, true);
    }

    private URI presign(String path, Duration expiry, boolean write) {
        Objects.requireNonNull(expiry, "expiry is null");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive: " + expiry);
        }
        return intercept(write ? Operation.PRESIGN_WRITE : Operation.PRESIGN_READ, path, 0, () -> {
            String key = fileKey(path);
            CapabilityGate.checkPresign(capabilities(), backendType(), path);
            return write ? backend.presignWrite(key, expiry) : backend.presignRead(key, expiry);
        });
    }

    /** A store over a sub-folder of this one, sharing (not owning) the backend. */
    public Store child(String path) {
        return call(path, () -> new Store(name, backend, key(path), closed, observer));
    }

    /**
     * The native object behind the backend of exactly the class {@code type}, one of
     * {@link #unwrapTypes()}: an SDK client, a filesystem, the backend's config. Any other class,
     * a supertype such as {@code Object} or {@code AutoCloseable} included, is refused: unwrap
     * never hands out the backend's internals.
     *
     * <p>The object is lent, not given: it belongs to the backend. Do not close it; it is valid
     * until the registry that made this store (or the owner of a backend built in code) closes the
     * backend. Close then releases whatever the backend built, so clients with a lifecycle of
     * their own stop working; objects without one (a path, a config, Azure's blob clients) are
     * not revoked, but using any unwrapped object after close is outside the contract (adr/0029).
     *
     * @throws UnsupportedCapabilityException if the backend offers nothing of exactly that class
     * @throws StoreClosedException if the registry that made this store is closed
     */
    public <T> T unwrap(Class<T> type) {
        Objects.requireNonNull(type, "type is null");
        return call(null, () -> {
            Set<Class<?>> offered = backend.unwrapTypes();
            if (!offered.contains(type)) {
                throw new UnsupportedCapabilityException("backend " + backendType() + " offers no " + type.getName()
                        + " through unwrap; it offers " + names(offered), null);
            }
            return backend.unwrap(type).orElseThrow(() -> new UnsupportedCapabilityException(
                    "backend " + backendType() + " has no " + type.getName() + " with this configuration", null));
        });
    }

    /** The classes {@link #unwrap} accepts for this store's backend; empty when it offers none. */
    public Set<Class<?>> unwrapTypes() {
        return backend.unwrapTypes();
    }

    private static String names(Set<Class<?>> types) {
        return types.isEmpty() ? "nothing"
                : types.stream().map(Class::getName).sorted().collect(Collectors.joining(", "));
    }

    /** Checks that the backend is reachable; throws the mapped failure if not. */
    public void ping() {
        intercept(Operation.PING, null, 0, () -> {
            backend.ping();
            return null;
        });
    }

    @Override
    public String toString() {
        return "Store{name=" + name + ", backend=" + backend.type() + ", root=" + (root.isEmpty() ? "/" : root) + '}';
    }

    /**
     * A store like this one (same backend, root and lifecycle) whose operations also reach
     * {@code listeners}, bound to this store's name and backend type. For stores built in code
     * with {@link #of}; a registry's stores get theirs from the registry.
     */
    public Store observed(List<OperationListener> listeners) {
        Objects.requireNonNull(listeners, "listeners is null");
        OperationObserver more = OperationObserver.bind(List.copyOf(listeners), name, backend.type());
        return new Store(name, backend, root, closed, OperationObserver.plus(observer, more));
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * The interception point of an operation that is over when it returns (ADR 0031); exactly
     * {@link #call} when nothing observes the store.
     */
    private <T> T intercept(Operation operation, String path, long bytes, Supplier<T> step) {
        InFlight op = observer == null ? null : observer.start(operation, path);
        if (op == null) {
            return call(path, step);
        }
        try (Scope scope = op.enter()) {
            T result = call(path, step);
            op.addBytes(bytes);
            op.end();
            return result;
        } catch (Throwable t) {
            op.end(t);
            throw t;
        }
    }

    /**
     * The interception point of an upload or download: like {@link #intercept}, with the bytes the
     * meter counted (as far as they got, on failure too), and the meter's final call made once
     * the transfer is over, successfully or not.
     */
    private <T> T interceptTransfer(Operation operation, String path, ProgressMeter meter, Supplier<T> step) {
        InFlight op = observer == null ? null : observer.start(operation, path);
        try (Scope scope = op == null ? Scope.NONE : op.enter()) {
            T result = call(path, step);
            if (op != null) {
                op.addBytes(meter.bytes());
                op.end();
            }
            return result;
        } catch (Throwable t) {
            if (op != null) {
                op.addBytes(meter.bytes());
                op.end(t);
            }
            throw t;
        } finally {
            meter.fileDone();
            meter.finish();
        }
    }

    /**
     * The interception point of an operation that returns something to close (a stream, a
     * channel, a listing): {@code open} gets the operation in flight (null when unobserved) and
     * hands it to what it returns, which ends it at close. If opening fails, it ends here.
     */
    private <T> T interceptOpen(Operation operation, String path, Function<InFlight, T> open) {
        InFlight op = observer == null ? null : observer.start(operation, path);
        if (op == null) {
            return call(path, () -> open.apply(null));
        }
        try (Scope scope = op.enter()) {
            return call(path, () -> open.apply(op));
        } catch (Throwable t) {
            op.end(t);
            throw t;
        }
    }

    private <T> T call(String path, Supplier<T> operation) {
        if (closed.getAsBoolean()) {
            throw errors.translate(new StoreClosedException("the registry that made this store is closed", path), path);
        }
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, path);
        }
    }

    private String key(String path) {
        return StorePaths.join(root, StorePaths.normalize(path));
    }

    private String fileKey(String path) {
        return StorePaths.join(root, StorePaths.normalizeFile(path));
    }

    private String relative(String key) {
        return StorePaths.relativize(root, key);
    }

    private static int depthBelow(String folder, String path) {
        String rest = folder.isEmpty() ? path : path.substring(folder.length() + 1);
        int depth = 1;
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }
}
